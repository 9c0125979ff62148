import JSONRPC

/// A method as the OpenRPC document describes it. The params schema is recorded from
/// `Params.init(from:)`; the rest sits beside the method, in its own file.
public protocol DocumentedMethod: RPCMethod {
    static var summary: String { get }
    /// JSON Schema of the result, written beside the result's encoder; the test suite
    /// validates real results against it, so the two cannot drift apart unnoticed.
    static var resultSchema: JSON { get }
    /// Method-level errors, beyond the protocol's -32700/-32600/-32601.
    static var errors: [RPCError] { get }
    /// Named params; the documented result is what the service returns for them.
    static var examples: [(name: String, params: JSON)] { get }
}

extension DocumentedMethod {
    public static var errors: [RPCError] { [.invalidParams([])] }
}

extension JSON {
    /// `["a": 1]`-style literal objects for examples.
    static func members(_ pairs: KeyValuePairs<String, JSON>) -> JSON {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}
