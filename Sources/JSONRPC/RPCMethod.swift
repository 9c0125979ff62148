/// One JSON-RPC method: its name, its params type, its result type and the handler.
///
/// Adding a method to the service is one type conforming to this and one line in the
/// method table; validation, dispatch and the schema follow from the types.
public protocol RPCMethod: Sendable {
    associatedtype Params: ParamsObject
    associatedtype Result: JSONEncodable
    static var name: String { get }
    /// Checks that span fields or need the service's state (a date after today, a repeated
    /// serial), reported with the field errors. Runs after `Params.init(from:)`.
    func check(_ params: Params, _ reader: inout ParamsReader)
    func call(_ params: Params) throws(RPCError) -> Result
}

extension RPCMethod {
    public func check(_ params: Params, _ reader: inout ParamsReader) {}
}

/// The methods a dispatcher serves, by name.
public struct MethodTable: Sendable {
    /// Runs a method on raw params; writes `"result":…` on success, returns the error otherwise.
    typealias Handler = @Sendable (_ params: [JSONMember], _ out: inout JSONWriter) -> RPCError?

    // A handful of methods: a scan that compares lengths first beats hashing the name.
    private var handlers: [(name: String, handler: Handler, takesNoParams: Bool)] = []

    public init() {}

    public mutating func register<M: RPCMethod>(_ method: M) {
        precondition(entry(for: M.name) == nil, "\(M.name) registered twice")
        handlers.append((M.name, { members, out in
            let (params, errors) = ParamsReader.read(M.Params.self, from: members, check: method.check)
            guard errors.isEmpty else { return .invalidParams(errors) }
            do throws(RPCError) {
                let result = try method.call(params)
                out.key(Dispatcher.resultKey)
                result.encode(to: &out)
                return nil
            } catch {
                return error
            }
        }, M.Params.self == NoParams.self))
    }

    func entry(for name: String) -> (handler: Handler, takesNoParams: Bool)? {
        let length = name.utf8.count
        return handlers.first { $0.name.utf8.count == length && $0.name == name }.map { ($0.handler, $0.takesNoParams) }
    }
}
