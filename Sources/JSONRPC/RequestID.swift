/// A request id, echoed back with its type and value.
///
/// Numbers keep their literal, so 9223372036854775807, -0 or 1.5e3 come back exactly as
/// sent, and `1` never turns into `"1"`.
public enum RequestID: Sendable, Equatable, JSONEncodable {
    case null
    case number(String)
    case string(String)

    /// The id of a request member, or nil when its JSON type cannot be an id.
    public init?(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .number(let literal): self = .number(literal)
        case .string(let text): self = .string(text)
        default: return nil
        }
    }

    public func encode(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .number(let literal): writer.raw(literal)
        case .string(let text): writer.string(text)
        }
    }
}
