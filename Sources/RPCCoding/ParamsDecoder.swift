import ContpaqiUpgradeAPI
import JSONRPC

/// Decodes params into their `Decodable` type over the parsed JSON tree, collecting every
/// problem instead of stopping at the first.
///
/// A synthesized `init(from:)` stops at the first error it is thrown, so this decoder
/// throws as little as it can: where a field cannot be read it records the problem at the
/// field's JSON Pointer and hands back a stand-in (the type's placeholder, or a struct
/// decoded from `{}` with recording off), and the init carries on to the next field.
/// Members no field read are reported as `UNKNOWN_FIELD` once their object is done.
/// Contract rules it applies: `null` is absent, blank text is missing (`ValueError.blank`),
/// and integers are JSON integers (`2`, never `2.0`).
public enum ParamsDecoder {
    /// Decodes `T` from a params object's members; `fieldOrder` ranks the problems checks
    /// report later (kept by the caller, so that it is read once per type).
    public static func decode<T: Decodable & Sendable>(_ type: T.Type, from members: [JSONMember], pointer: String = "",
                                            checks: [ValueCheck] = [], fieldOrder: FieldOrder? = nil) -> (T, ParamsProblems) {
        decode(T.self, from: .object(members), pointer: pointer, checks: checks, fieldOrder: fieldOrder)
    }

    /// Decodes `T` from any JSON value (a document of that shape, a single value).
    public static func decode<T: Decodable & Sendable>(_ type: T.Type, from value: JSON, pointer: String = "",
                                            checks: [ValueCheck] = [], fieldOrder: FieldOrder? = nil) -> (T, ParamsProblems) {
        var state = DecodingState(root: value, pointer: pointer, checks: checks,
                                  fieldOrder: fieldOrder ?? FieldOrder(of: T.self))
        let value = withUnsafeMutablePointer(to: &state) { state in
            let value = state.decodeRoot(T.self)
            state.reportUnknownFields(rank: ParamsProblems.lastRank)
            return value
        }
        return (value, state.problems)
    }

    /// `T` as a synthesized init builds it from `{}` with nothing recorded, and the fields
    /// its init read, in order: what schemas are read from.
    static func standIn<T: Decodable>(_ type: T.Type) -> (T, [FieldRecord]) {
        var state = DecodingState(root: .object([]), pointer: "", checks: [], fieldOrder: FieldOrder([]))
        state.standIn = true
        state.fieldLog = []
        let value = withUnsafeMutablePointer(to: &state) { $0.decodeRoot(T.self) }
        return (value, state.fieldLog ?? [])
    }
}

/// One field as a type's `init(from:)` reads it.
struct FieldRecord {
    let name: String
    let type: any Decodable.Type
    /// Read with `decode` rather than `decodeIfPresent`.
    let required: Bool
    let documentation: FieldDoc?
}

/// Where a value sits: a member name or an array index.
enum PathToken {
    case key(String)
    case index(Int)
}

/// What a failed value stood for: how blank and missing are reported.
enum ValueContext {
    case required, optional, item
}

/// The decoding of one object or value under way.
struct Frame {
    let value: JSON
    let token: PathToken?
    /// Which members a field read: bits for the usual small object, so reading it
    /// allocates nothing (members beyond 64, only in hostile params, are marked in
    /// `DecodingState.readBeyond64`).
    var read: UInt64 = 0
    /// Whether the value was read as an object (then its unread members are unknown).
    var readAsObject = false
}

/// Everything one decode shares, behind one pointer: the decoder and its containers are
/// small structs holding it, so that no class stored property pays exclusivity checks.
struct DecodingState {
    var frames: [Frame]
    var problems: ParamsProblems
    let checks: [ValueCheck]
    /// Building stand-ins: containers are empty and nothing is recorded.
    var standIn = false
    /// When set, the root object's fields are logged as they are read (schemas).
    var fieldLog: [FieldRecord]?
    /// Which top-level field is being read, by declaration order: the rank of its problems.
    var rank = 0
    var topLevelReads = 0
    /// Read marks of members beyond the 64th, by frame index: kept apart so that the
    /// frames of ordinary objects stay small.
    var readBeyond64: [Int: [Bool]] = [:]

    init(root: JSON, pointer: String, checks: [ValueCheck], fieldOrder: FieldOrder) {
        frames = []
        frames.reserveCapacity(8)  // one allocation for the usual nesting
        frames.append(Frame(value: root, token: nil))
        problems = ParamsProblems(pointer: pointer, fieldOrder: fieldOrder)
        self.checks = checks
    }
}

extension UnsafeMutablePointer where Pointee == DecodingState {
    var decoder: ParamsValueDecoder { ParamsValueDecoder(state: self) }

    func decodeRoot<T: Decodable>(_ type: T.Type) -> T {
        do {
            return try T(from: decoder)
        } catch {
            record(error, at: nil, context: .required)
            return standIn(T.self)
        }
    }

    /// Decodes `value` as `T` one level down; never throws: a problem is recorded at the
    /// value's pointer and a stand-in returned (nil for an optional field).
    func decode<T: Decodable>(_ type: T.Type, _ value: JSON, at token: PathToken, context: ValueContext) -> T? {
        // The hottest leaves of params, without a trip through a container.
        if T.self == Bool.self {
            guard case .bool(let flag) = value else {
                fail(.invalidType, "Se esperaba true o false, no \(value.typeName).", at: token)
                return context == .optional ? nil : standIn(T.self)
            }
            return unsafeBitCast(flag, to: T.self)
        }
        pointee.frames.append(Frame(value: value, token: token))
        var result: T
        do {
            result = try T(from: decoder)
        } catch {
            pointee.frames.removeLast()
            record(error, at: token, context: context)
            return context == .optional ? nil : standIn(T.self)
        }
        let frame = pointee.frames.removeLast()
        if frame.readAsObject { reportUnknownFields(of: frame, at: pointee.frames.count, rank: pointee.rank) }
        if !pointee.checks.isEmpty && !pointee.standIn, let problem = ValueCheck.run(pointee.checks, on: &result) {
            fail(problem.code, problem.message, at: token)
        }
        return result
    }

    /// A stand-in for a value that could not be read: the type's placeholder, a primitive's
    /// zero, or the type decoded from `{}` with recording off.
    func standIn<T: Decodable>(_ type: T.Type) -> T {
        if let value = Primitive.zero(T.self) { return value }
        if let valueType = T.self as? any SchemaValue.Type { return placeholder(valueType) as! T }
        let wasStandIn = pointee.standIn
        pointee.standIn = true
        defer { pointee.standIn = wasStandIn }
        pointee.frames.append(Frame(value: .object([]), token: nil))
        defer { pointee.frames.removeLast() }
        do {
            return try T(from: decoder)
        } catch {
            preconditionFailure("\(T.self) cannot stand in for a value that failed: make it a SchemaValue with a placeholder")
        }
    }

    private func placeholder<V: SchemaValue>(_ type: V.Type) -> V { V.placeholder }

    /// Records `error`, thrown while reading the value at `token`, in the contract's terms.
    func record(_ error: any Error, at token: PathToken?, context: ValueContext) {
        guard let problem = error as? ValueError else {
            fail(.invalidValue, "Valor no válido.", at: token)
            return
        }
        guard problem.code == .required else { return fail(problem.code, problem.message, at: token) }
        switch context {
        case .optional: return  // blank counts as absent
        case .required: fail(.required, problem.message, at: token)
        case .item: fail(.required, "El elemento no puede estar vacío.", at: token)
        }
    }

    func fail(_ code: ErrorCode, _ message: String, at token: PathToken?, rank: Int? = nil) {
        guard !pointee.standIn, pointee.problems.keeps(rank: rank ?? pointee.rank) else { return }
        var path = pointer(to: pointee.frames.count)
        if let token { path = Self.appending(token, to: path) }
        pointee.problems.append(FieldError(path: path, code: FieldErrorCode(rawValue: code.rawValue), message: message),
                                rank: rank ?? pointee.rank)
    }

    /// The pointer of the value the first `depth` frames lead to.
    func pointer(to depth: Int) -> String {
        var path = pointee.problems.pointer
        for frame in pointee.frames[..<depth] {
            if let token = frame.token { path = Self.appending(token, to: path) }
        }
        return path
    }

    private static func appending(_ token: PathToken, to path: String) -> String {
        switch token {
        case .key(let key): JSONPointer.appending(key, to: path)
        case .index(let index): JSONPointer.appending(index, to: path)
        }
    }

    /// The root object's members no field read.
    func reportUnknownFields(rank: Int) {
        if pointee.frames[0].readAsObject { reportUnknownFields(of: pointee.frames[0], at: 0, rank: rank) }
    }

    /// Reports the members of `frame`'s object (the frame at `index`) that no field read,
    /// in request order.
    private func reportUnknownFields(of frame: Frame, at index: Int, rank: Int) {
        guard !pointee.standIn, case .object(let members) = frame.value else { return }
        let readAll = members.count >= 64 ? frame.read == .max : frame.read == (1 << UInt64(members.count)) - 1
        if readAll && members.count <= 64 { return }
        let parent = pointer(to: index)
        let base = frame.token.map { Self.appending($0, to: parent) } ?? parent
        let beyond64 = members.count > 64 ? pointee.readBeyond64.removeValue(forKey: index) ?? [] : []
        for (position, member) in members.enumerated() {
            let wasRead = position < 64 ? frame.read & (1 << UInt64(position)) != 0 : beyond64[position - 64]
            guard !wasRead else { continue }
            guard pointee.problems.keeps(rank: rank) else { return }  // no more can be listed
            pointee.problems.append(FieldError(path: JSONPointer.appending(member.key, to: base), code: .unknownField,
                                               message: "Campo desconocido: «\(member.key)»."), rank: rank)
        }
    }
}

/// Zero values of the primitive types, for stand-ins.
enum Primitive {
    static func zero<T>(_ type: T.Type) -> T? {
        switch T.self {
        case is String.Type: "" as? T
        case is Bool.Type: false as? T
        case is Int.Type: 0 as? T
        case is Int64.Type: Int64(0) as? T
        case is Double.Type: 0.0 as? T
        default: nil
        }
    }
}
