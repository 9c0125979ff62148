/// How one kind of params field is read from JSON, and how it is described in the schema.
///
/// The same value drives validation and the OpenRPC document, so they cannot disagree.
public struct ParamType<Value: Sendable>: Sendable {
    public enum Reading: Sendable {
        case value(Value)
        /// Counts as absent (a blank string after trimming).
        case missing
        case invalid(FieldErrorCode, String)
    }

    /// JSON Schema (2020-12) of the field, without its description.
    public let schema: JSON
    /// Returned where a field is missing or invalid, so a params type can always be built;
    /// the errors decide whether it is used.
    public let placeholder: Value
    public let read: @Sendable (JSON) -> Reading

    public init(schema: JSON, placeholder: Value, read: @escaping @Sendable (JSON) -> Reading) {
        self.schema = schema
        self.placeholder = placeholder
        self.read = read
    }
}

extension ParamType where Value == Bool {
    public static let boolean = ParamType(schema: .object([JSONMember("type", .string("boolean"))]),
                                          placeholder: false) { json in
        guard case .bool(let flag) = json else {
            return .invalid(.invalidType, "Se esperaba true o false, no \(json.typeName).")
        }
        return .value(flag)
    }
}

extension ParamType where Value == Int {
    /// A JSON integer (`2`, never `2.0` or `2e0`) within `range`.
    public static func integer(_ range: ClosedRange<Int>) -> ParamType<Int> {
        let schema = JSON.object([
            JSONMember("type", .string("integer")),
            JSONMember("minimum", .number(String(range.lowerBound))),
            JSONMember("maximum", .number(String(range.upperBound))),
        ])
        return ParamType(schema: schema, placeholder: range.lowerBound) { json in
            guard case .number(let literal) = json, JSON.isIntegerLiteral(literal) else {
                return .invalid(.invalidType, "Se esperaba un número entero, no \(json.description.prefix(40)).")
            }
            guard let value = Int(literal), range.contains(value) else {
                return .invalid(.outOfRange,
                                "El valor debe estar entre \(range.lowerBound) y \(range.upperBound).")
            }
            return .value(value)
        }
    }
}
