/// A parsed JSON value.
///
/// Numbers keep the literal exactly as written, so `1` and `1.0` stay apart (params demand
/// integers) and ids across the whole signed 64-bit range, or beyond it, echo back unchanged.
/// Objects keep their members in document order: error paths and echoes follow the request.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([JSONMember])

    /// The value of `key` in an object (the last one wins when a key repeats, as in JavaScript).
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The JSON type's name, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The number as an `Int64` when the literal is a plain JSON integer (`2`, not `2.0` or
    /// `2e0`) within range. `nil` for anything else.
    public var int64: Int64? {
        guard case .number(let literal) = self, JSON.isIntegerLiteral(literal) else { return nil }
        return Int64(literal)
    }

    /// True for `-?digits` with no fraction or exponent.
    public static func isIntegerLiteral(_ literal: String) -> Bool {
        var utf8 = literal.utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        return !utf8.isEmpty && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSON
    public init(_ key: String, _ value: JSON) {
        self.key = key
        self.value = value
    }
}

extension JSON: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String {
        var writer = JSONWriter()
        writer.value(self)
        return writer.string
    }
}
