/// One method of the service: its wire name, what it takes and what it answers.
///
/// A declaration only, in the MCP Swift SDK's `enum Ping: Method` shape (not named `Method`:
/// on Apple platforms Foundation brings the Objective-C runtime's `Method` into scope). The
/// server holds the handler, a Swift client sends `Params` and gets `Result`, and the
/// OpenRPC document is generated from the two types.
public protocol RPCMethod {
    /// What the method takes, always by name (a JSON object).
    associatedtype Params: Codable, Hashable, Sendable
    /// What it answers on success.
    associatedtype Result: Codable, Hashable, Sendable
    /// The JSON-RPC method name, case-sensitive.
    static var name: String { get }
}

/// The params of a method that takes none: `{}` on the wire (`null`, absent and `[]` mean
/// the same to the server); any field in it is an `UNKNOWN_FIELD`.
public struct NoParams: Codable, Hashable, Sendable {
    public init() {}

    public init(from decoder: any Decoder) throws {
        // Asked for, so that a decoder that reports unread fields sees an object read.
        _ = try decoder.container(keyedBy: NoKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }

    private enum NoKeys: CodingKey {}
}
