import ContpaqiUpgradeAPI
import JSONRPC

/// The `Decoder` a params type's `init(from:)` sees: the value of the innermost frame.
struct ParamsValueDecoder: Decoder {
    let state: UnsafeMutablePointer<DecodingState>

    var codingPath: [any CodingKey] {
        state.pointee.frames.compactMap { frame in
            switch frame.token {
            case .key(let key)?: PathKey(stringValue: key)
            case .index(let index)?: PathKey(intValue: index)
            case nil: nil
            }
        }
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let index = state.pointee.frames.count - 1
        if state.pointee.standIn {
            return KeyedDecodingContainer(KeyedReader<Key>(state: state, members: [], frame: index))
        }
        guard case .object(let members) = state.pointee.frames[index].value else {
            throw ValueError(.invalidType, "Se esperaba un objeto, no \(state.pointee.frames[index].value.typeName).")
        }
        state.pointee.frames[index].readAsObject = true
        if members.count > 64 && state.pointee.readBeyond64[index] == nil {
            state.pointee.readBeyond64[index] = Array(repeating: false, count: members.count - 64)
        }
        return KeyedDecodingContainer(KeyedReader<Key>(state: state, members: members, frame: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        if state.pointee.standIn { return UnkeyedReader(state: state, elements: []) }
        let value = state.pointee.frames[state.pointee.frames.count - 1].value
        guard case .array(let elements) = value else {
            throw ValueError(.invalidType, "Se esperaba una lista, no \(value.typeName).")
        }
        return UnkeyedReader(state: state, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueReader(state: state) }
}

struct PathKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { (self.stringValue, intValue) = (stringValue, nil) }
    init(intValue: Int) { (stringValue, self.intValue) = (String(intValue), intValue) }
}

/// One object's members, read field by field.
struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let state: UnsafeMutablePointer<DecodingState>
    let members: [JSONMember]
    /// The frame of this object, where reads are marked.
    let frame: Int

    var codingPath: [any CodingKey] { ParamsValueDecoder(state: state).codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { members.contains { $0.key == key.stringValue } }

    func decodeNil(forKey key: Key) throws -> Bool { lookup(key.stringValue) == nil }

    // The primitive requirements, which synthesized code calls for `Bool` and `String`
    // fields; left to their defaults, an absent optional would never reach `begin`.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, forKey: key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeValueIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeValueIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeValueIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeValueIfPresent(type, forKey: key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeValueIfPresent(type, forKey: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeValue(type, forKey: key) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeValueIfPresent(type, forKey: key)
    }

    private func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let name = key.stringValue
        begin(key, type, required: true)
        guard let value = lookup(name) else {
            if !state.pointee.standIn { state.fail(.required, "El campo es obligatorio.", at: .key(name)) }
            return state.standIn(T.self)
        }
        return state.decode(T.self, value, at: .key(name), context: .required)!
    }

    private func decodeValueIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let name = key.stringValue
        begin(key, type, required: false)
        guard let value = lookup(name) else { return nil }
        return state.decode(T.self, value, at: .key(name), context: .optional)
    }

    /// A top-level field ranks its problems; when schemas are read, it is logged.
    @inline(__always) private func begin<T: Decodable>(_ key: Key, _ type: T.Type, required: Bool) {
        guard frame == 0 else { return }
        state.pointee.rank = state.pointee.topLevelReads
        state.pointee.topLevelReads += 1
        if state.pointee.fieldLog != nil {
            state.pointee.fieldLog!.append(FieldRecord(name: key.stringValue, type: T.self, required: required,
                                                       documentation: (key as? any DocumentedKey)?.documentation))
        }
    }

    /// The member's value, `null` read as absent; the last one wins when a key repeats.
    /// Marks every member of that name as read.
    private func lookup(_ name: String) -> JSON? {
        var found: JSON?
        let length = name.utf8.count  // most names differ in length: no string comparison
        for index in members.indices where members[index].key.utf8.count == length && members[index].key == name {
            if index < 64 {
                state.pointee.frames[frame].read |= 1 << UInt64(index)
            } else {
                state.pointee.readBeyond64[frame]![index - 64] = true
            }
            found = members[index].value
        }
        if case .null? = found { return nil }
        return found
    }

    // Nested containers and super decoders are not used by params types: their values
    // would escape the frame that reports unread members.
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw unsupported("nestedContainer")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw unsupported("nestedUnkeyedContainer") }
    func superDecoder() throws -> any Decoder { throw unsupported("superDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw unsupported("superDecoder") }

    private func unsupported(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "\(what) is not supported by the params decoder"))
    }
}

/// A list's elements, read in order.
struct UnkeyedReader: UnkeyedDecodingContainer {
    let state: UnsafeMutablePointer<DecodingState>
    let elements: [JSON]
    private(set) var currentIndex = 0

    init(state: UnsafeMutablePointer<DecodingState>, elements: [JSON]) {
        self.state = state
        self.elements = elements
    }

    var codingPath: [any CodingKey] { ParamsValueDecoder(state: state).codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(T.self, DecodingError.Context(codingPath: codingPath, debugDescription: "no more elements"))
        }
        let index = currentIndex
        currentIndex += 1
        return state.decode(T.self, elements[index], at: .index(index), context: .item)!
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "not supported"))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "not supported"))
    }

    mutating func superDecoder() throws -> any Decoder {
        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "not supported"))
    }
}

/// The innermost value, read as one primitive. Type mismatches throw the contract's
/// `INVALID_TYPE`, worded as the service always worded them.
struct SingleValueReader: SingleValueDecodingContainer {
    let state: UnsafeMutablePointer<DecodingState>

    var codingPath: [any CodingKey] { ParamsValueDecoder(state: state).codingPath }
    private var value: JSON { state.pointee.frames[state.pointee.frames.count - 1].value }

    func decodeNil() -> Bool {
        if state.pointee.standIn { return false }
        if case .null = value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        if state.pointee.standIn { return false }
        guard case .bool(let flag) = value else { throw ValueError(.invalidType, "Se esperaba true o false, no \(value.typeName).") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        if state.pointee.standIn { return "" }
        guard case .string(let text) = value else { throw ValueError(.invalidType, "Se esperaba un texto, no \(value.typeName).") }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        if state.pointee.standIn { return 0 }
        guard case .number(let literal) = value, let number = Double(literal) else {
            throw ValueError(.invalidType, "Se esperaba un número, no \(value.typeName).")
        }
        return number
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: ParamsValueDecoder(state: state)) }

    /// A JSON integer (`2`, not `2.0` or `2e0`); one beyond `I` is `OUT_OF_RANGE`, which a
    /// bounded type words with its own range.
    private func integer<I: FixedWidthInteger>() throws -> I {
        if state.pointee.standIn { return 0 }
        guard case .number(let literal) = value, JSON.isIntegerLiteral(literal) else {
            throw ValueError(.invalidType, "Se esperaba un número entero, no \(value.description.prefix(40)).")
        }
        guard let number = I(literal) else { throw ValueError(.outOfRange, "El número está fuera del rango admitido.") }
        return number
    }
}
