import JSONRPC
import RPCCoding

/// A handler as the OpenRPC document describes its method: the params and result schemas
/// come from the declaration's types; the rest sits beside the handler.
public protocol DocumentedHandler: MethodHandler {
    static var summary: String { get }
    /// Method-level errors, beyond the protocol's -32700/-32600/-32601.
    static var errors: [RPCError] { get }
    /// Named params; the documented result is what the service returns for them.
    static var examples: [(name: String, params: JSON)] { get }
}

extension DocumentedHandler {
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
