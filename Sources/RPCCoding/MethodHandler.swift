import ContpaqiUpgradeAPI
import JSONRPC

/// The server's side of one method: what it checks beyond the types, and what it does.
///
/// The declaration (`RPCMethod`: name, params, result) lives in the API module; a handler
/// adds the rule call and the checks that need the service (the catalog, today's date,
/// other fields). Registering it is all the dispatcher needs: params are decoded into the
/// declaration's `Params` with every problem collected, and its `Result` is encoded.
public protocol MethodHandler: Sendable {
    associatedtype Declaration: RPCMethod

    /// Checks run on each value of a type as it is read, in params order.
    var valueChecks: [ValueCheck] { get }

    /// Checks across fields (a repeated serial, a date after today), reported where their
    /// field is. They run even when fields failed, on the stand-ins: a check must skip a
    /// value whose own problem is already in `problems`.
    func check(_ params: Declaration.Params, _ problems: inout ParamsProblems)

    func call(_ params: Declaration.Params) throws(RPCError) -> Declaration.Result

    /// Writes the result. By default through its `Encodable` conformance; a hot result may
    /// be written by hand beside it, only with a test proving the two byte-identical.
    func write(_ result: Declaration.Result, to writer: inout JSONWriter)
}

extension MethodHandler {
    public var valueChecks: [ValueCheck] { [] }
    public func check(_ params: Declaration.Params, _ problems: inout ParamsProblems) {}
    public func write(_ result: Declaration.Result, to writer: inout JSONWriter) { ResultEncoder.write(result, to: &writer) }
}

extension MethodTable {
    /// Serves `handler`'s method under its declared name.
    public mutating func register<H: MethodHandler>(_ handler: H) {
        typealias Params = H.Declaration.Params
        // Kept here, so that it is read once per type, not on every request with problems.
        let fieldOrder = FieldOrder(of: Params.self)
        let checks = handler.valueChecks
        let takesNoParams = Params.self == NoParams.self
        register(name: H.Declaration.name, takesNoParams: takesNoParams) { members, out in
            let params: Params
            var problems: ParamsProblems
            if takesNoParams && members.isEmpty {
                // Called without params (the usual getCatalog): nothing to read, so no
                // container and no decoder state. The same type, checked above.
                params = unsafeBitCast(NoParams(), to: Params.self)
                problems = ParamsProblems(pointer: "", fieldOrder: FieldOrder.none)
            } else {
                (params, problems) = ParamsDecoder.decode(Params.self, from: members, checks: checks, fieldOrder: fieldOrder)
            }
            handler.check(params, &problems)
            guard problems.isEmpty else { return .invalidParams(problems.errors) }
            do throws(RPCError) {
                let result = try handler.call(params)
                out.key(resultKey)
                handler.write(result, to: &out)
                return nil
            } catch {
                return error
            }
        }
    }
}

private let resultKey = JSONWriter.Key("result")
