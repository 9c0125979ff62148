/// The methods a dispatcher serves, by name.
///
/// Each entry is a function from raw params to an answer; typed methods are registered
/// through RPCCoding's `MethodHandler`, which decodes params into the method's types.
public struct MethodTable: Sendable {
    /// Runs a method on raw params; writes `"result":…` on success, returns the error otherwise.
    public typealias Handler = @Sendable (_ params: [JSONMember], _ out: inout JSONWriter) -> RPCError?

    // A handful of methods: a scan that compares lengths first beats hashing the name.
    // A struct, not a tuple: a tuple's metadata is built at run time from its mangled name,
    // which a one-shot call pays for at start-up.
    private struct Entry {
        let name: String
        let handler: Handler
        let takesNoParams: Bool
    }

    private var handlers: [Entry] = []

    public init() {}

    /// Serves `name`. `takesNoParams`: whether `[]` as params means none (Neovim sends an
    /// empty Lua table so); for every other method an array is `INVALID_TYPE`.
    public mutating func register(name: String, takesNoParams: Bool, handler: @escaping Handler) {
        precondition(entry(for: name) == nil, "\(name) registered twice")
        handlers.append(Entry(name: name, handler: handler, takesNoParams: takesNoParams))
    }

    /// The registered names, in registration order.
    public var names: [String] { handlers.map(\.name) }

    func entry(for name: String) -> (handler: Handler, takesNoParams: Bool)? {
        let length = name.utf8.count
        return handlers.first { $0.name.utf8.count == length && $0.name == name }.map { ($0.handler, $0.takesNoParams) }
    }
}
