import Synchronization

/// A params object a method takes: built by reading its fields from a `ParamsReader`.
///
/// `init(from:)` runs twice in the service's life: against real params (collecting every
/// error) and once against a describing reader, which records the fields as JSON Schema.
public protocol ParamsObject: Sendable {
    init(from reader: inout ParamsReader)
}

/// Params that must be empty (`getCatalog`, `rpc.discover`).
public struct NoParams: ParamsObject {
    public init() {}
    public init(from reader: inout ParamsReader) {}
}

/// Reads one params object field by field, collecting every problem with its JSON Pointer.
///
/// `null` reads as absent, as the contract says. Fields not read by the params type are
/// reported as `UNKNOWN_FIELD` when the reader finishes.
public struct ParamsReader {
    public let pointer: String
    public private(set) var errors: [FieldError] = []
    private let members: [JSONMember]
    private let describing: Bool
    // Which members a field has read; the rest are unknown. Bits, so that reading the usual
    // small object allocates nothing; an array only for objects of over 64 members.
    private var readMembers: UInt64 = 0
    private var readMembersBeyond64: [Bool] = []
    private var properties: [JSONMember] = []  // when describing, in declaration order
    private var requiredKeys: [JSON] = []

    public init(members: [JSONMember], pointer: String = "") {
        self.members = members
        self.pointer = pointer
        self.describing = false
        if members.count > 64 { readMembersBeyond64 = Array(repeating: false, count: members.count - 64) }
    }

    private init(describingAt pointer: String) {
        self.members = []
        self.pointer = pointer
        self.describing = true
    }

    /// Reads `P` from `members`, runs `check` (rules across fields) and reports unknown
    /// fields: the whole of params validation, in that order.
    public static func read<P: ParamsObject>(_ type: P.Type, from members: [JSONMember], pointer: String = "",
                                             check: (P, inout ParamsReader) -> Void = { _, _ in }) -> (P, [FieldError]) {
        var reader = ParamsReader(members: members, pointer: pointer)
        let params = P(from: &reader)
        check(params, &reader)
        let unknownFrom = reader.errors.count
        reader.reportUnknownFields()
        if reader.errors.count > 1 { reader.orderErrors(declared: declaredKeys(of: P.self), unknownFrom: unknownFrom) }
        if reader.errors.count > kept { reader.errors.removeSubrange(kept...) }
        return (params, reader.errors)
    }

    /// Errors kept per reader and per field: one more than are reported, which is how the
    /// answer knows to say `"truncated": true`. Dropping the rest early is exact: a field's
    /// errors stay together, in order, when the errors are ordered by field.
    static let kept = FieldError.maxReported + 1

    /// `P`'s field names in declaration order. Computed once per type: describing a type
    /// builds its whole schema, which cost more than the rest of an error answer.
    static func declaredKeys<P: ParamsObject>(of type: P.Type) -> [String] {
        let id = ObjectIdentifier(P.self)
        if let keys = declaredKeysByType.withLock({ $0[id] }) { return keys }
        var reader = ParamsReader(describingAt: "")
        _ = P(from: &reader)
        let keys = reader.properties.map(\.key)
        declaredKeysByType.withLock { $0[id] = keys }
        return keys
    }

    private static let declaredKeysByType = Mutex<[ObjectIdentifier: [String]]>([:])

    /// The JSON Schema object for `P`, recorded from its `init(from:)`.
    public static func schema<P: ParamsObject>(of type: P.Type) -> JSON {
        var reader = ParamsReader(describingAt: "")
        _ = P(from: &reader)
        return reader.objectSchema
    }

    /// `required`/`properties` as an object schema that rejects unknown fields.
    public var objectSchema: JSON {
        var schema: [JSONMember] = [JSONMember("type", .string("object"))]
        schema.append(JSONMember("properties", .object(properties)))
        if !requiredKeys.isEmpty { schema.append(JSONMember("required", .array(requiredKeys))) }
        schema.append(JSONMember("additionalProperties", .bool(false)))
        return .object(schema)
    }

    // MARK: Fields

    public mutating func required<V>(_ key: String, _ type: ParamType<V>, _ description: String) -> V {
        declare(key, schema: type.schema, description: description, required: true)
        switch lookup(key) {
        case nil:
            failField(key, .required, "El campo es obligatorio.")
            return type.placeholder
        case let json?:
            switch type.read(json) {
            case .value(let value): return value
            case .missing: failField(key, .required, "El campo es obligatorio y no puede estar vacío.")
            case .invalid(let code, let message): failField(key, code, message)
            }
            return type.placeholder
        }
    }

    public mutating func optional<V>(_ key: String, _ type: ParamType<V>, _ description: String) -> V? {
        declare(key, schema: type.schema, description: description, required: false)
        guard let json = lookup(key) else { return nil }
        switch type.read(json) {
        case .value(let value): return value
        case .missing: return nil
        case .invalid(let code, let message):
            failField(key, code, message)
            return nil
        }
    }

    /// A list of values: absent means empty; `maxCount` is reported as `TOO_LONG`.
    public mutating func list<V>(_ key: String, _ type: ParamType<V>, maxCount: Int,
                                 _ description: String) -> [V] {
        declare(key, schema: .object([JSONMember("type", .string("array")), JSONMember("items", type.schema),
                                      JSONMember("maxItems", .number(String(maxCount)))]),
                description: description, required: false)
        guard let elements = array(at: key) else { return [] }
        if elements.count > maxCount {
            failField(key, .tooLong, "Se permiten como máximo \(maxCount) elementos.")
            return []
        }
        var values: [V] = []
        var failed = 0
        for (index, json) in elements.enumerated() {
            let problem: (code: FieldErrorCode, message: String)
            switch type.read(json) {
            case .value(let value):
                values.append(value)
                continue
            case .missing: problem = (.required, "El elemento no puede estar vacío.")
            case .invalid(let code, let message): problem = (code, message)
            }
            failed += 1
            guard failed <= ParamsReader.kept else { continue }
            let path = JSONPointer.appending(index, to: JSONPointer.appending(key, to: pointer))
            errors.append(FieldError(path: path, code: problem.code, message: problem.message))
        }
        return values
    }

    /// A required list of objects; fewer than `count` is `OUT_OF_RANGE`, more is `TOO_LONG`.
    public mutating func objects<P: ParamsObject>(_ key: String, _ type: P.Type, count: ClosedRange<Int>,
                                                  _ description: String) -> [P] {
        declare(key, schema: .object([JSONMember("type", .string("array")),
                                      JSONMember("items", ParamsReader.schema(of: P.self)),
                                      JSONMember("minItems", .number(String(count.lowerBound))),
                                      JSONMember("maxItems", .number(String(count.upperBound)))]),
                description: description, required: true)
        if describing { return [] }
        let itemPointer = JSONPointer.appending(key, to: pointer)
        guard lookup(key) != nil else {
            failField(key, .required, "El campo es obligatorio.")
            return []
        }
        guard let elements = array(at: key) else { return [] }
        guard elements.count >= count.lowerBound else {
            failField(key, .outOfRange, "Se necesita al menos \(count.lowerBound) elemento.")
            return []
        }
        guard elements.count <= count.upperBound else {
            failField(key, .tooLong, "Se permiten como máximo \(count.upperBound) elementos.")
            return []
        }
        var values: [P] = []
        values.reserveCapacity(elements.count)
        var room = ParamsReader.kept  // for this field's errors
        for (index, json) in elements.enumerated() {
            let path = JSONPointer.appending(index, to: itemPointer)
            guard case .object(let members) = json else {
                if room > 0 {
                    errors.append(FieldError(path: path, code: .invalidType, message: "Se esperaba un objeto, no \(json.typeName)."))
                    room -= 1
                }
                continue
            }
            let (value, itemErrors) = ParamsReader.read(P.self, from: members, pointer: path)
            errors.append(contentsOf: itemErrors.prefix(room))
            room -= min(room, itemErrors.count)
            values.append(value)
        }
        return values
    }

    /// Records a problem found across fields (a repeated serial) at `relativePath`.
    public mutating func fail(_ relativePath: String, _ code: FieldErrorCode, _ message: String) {
        if describing { return }
        let path = relativePath.isEmpty ? pointer
            : relativePath.hasPrefix("/") ? pointer + relativePath : JSONPointer.appending(relativePath, to: pointer)
        errors.append(FieldError(path: path, code: code, message: message))
    }

    // MARK: Internals

    /// Records a problem with the field `key`, always as one escaped reference token: a
    /// member named `""` or `"/x"` (an unknown field can be) must point at itself, not at
    /// params as a whole or at a field `x`, as `fail`'s relative-path reading would have it.
    private mutating func failField(_ key: String, _ code: FieldErrorCode, _ message: String) {
        if describing { return }
        errors.append(FieldError(path: JSONPointer.appending(key, to: pointer), code: code, message: message))
    }

    /// Records the field for the schema; when reading, nothing (the schema is not built).
    private mutating func declare(_ key: String, schema: @autoclosure () -> JSON, description: String, required: Bool) {
        guard describing else { return }
        let schema = schema()
        var described: [JSONMember] = [JSONMember("description", .string(description))]
        if case .object(let members) = schema { described.append(contentsOf: members) }
        properties.append(JSONMember(key, .object(described)))
        if required { requiredKeys.append(.string(key)) }
    }

    /// The member's value, treating `null` as absent; the last one wins when a key repeats.
    /// Marks every member of that name as read.
    private mutating func lookup(_ key: String) -> JSON? {
        var found: JSON?
        for index in members.indices where members[index].key == key {
            if index < 64 { readMembers |= 1 << UInt64(index) } else { markReadBeyond64(index) }
            found = members[index].value
        }
        if case .null? = found { return nil }
        return found
    }

    // Out of line: inlined, its array write made every lookup copy the (empty) array.
    @inline(never) private mutating func markReadBeyond64(_ index: Int) {
        readMembersBeyond64[index - 64] = true
    }

    private func wasRead(_ index: Int) -> Bool {
        index < 64 ? readMembers & (1 << UInt64(index)) != 0 : readMembersBeyond64[index - 64]
    }

    private mutating func array(at key: String) -> [JSON]? {
        guard let json = lookup(key) else { return nil }
        guard case .array(let elements) = json else {
            failField(key, .invalidType, "Se esperaba una lista, no \(json.typeName).")
            return nil
        }
        return elements
    }

    /// Reports the members no field read, up to `kept` of them (they are ordered last, so
    /// no more can be shown). Call once, after all fields are read.
    mutating func reportUnknownFields() {
        var reported = 0
        for index in members.indices where !wasRead(index) {
            guard reported < ParamsReader.kept else { return }
            failField(members[index].key, .unknownField, "Campo desconocido: «\(members[index].key)».")
            reported += 1
        }
    }

    /// Orders the errors as the fields are declared (checks across fields run last but
    /// report where they belong); unknown fields, from `unknownFrom` on, come after, in
    /// request order. Each error's field is found once, not once per comparison.
    private mutating func orderErrors(declared: [String], unknownFrom: Int) {
        let ranked = errors.indices.map { index in
            (rank: index >= unknownFrom ? declared.count : rank(of: errors[index].path, declared: declared), index: index)
        }
        guard zip(ranked, ranked.dropFirst()).contains(where: { $0.rank > $1.rank }) else { return }
        errors = ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map { errors[$0.index] }
    }

    /// The declaration index of the field `path` points into (its first reference token
    /// after this reader's pointer), or `declared.count` for none.
    private func rank(of path: String, declared: [String]) -> Int {
        let token = path.utf8.dropFirst(pointer.utf8.count + 1).prefix { $0 != UInt8(ascii: "/") }
        var field = String(decoding: token, as: UTF8.self)
        if token.contains(UInt8(ascii: "~")) {
            field = field.replacing("~1", with: "/").replacing("~0", with: "~")
        }
        return declared.firstIndex(of: field) ?? declared.count
    }
}
