/// Turns one JSON text into its response: the JSON-RPC 2.0 envelope rules, all of them.
///
/// Knows nothing of framing or sockets: the transport hands it the bytes of one message
/// and frames whatever it writes.
public struct Dispatcher: Sendable {
    public let table: MethodTable

    public init(table: MethodTable) { self.table = table }

    /// Appends the response to `out`. Returns false when there is nothing to send
    /// (a notification, or a batch of notifications).
    public func respond(to message: UnsafeRawBufferPointer, into out: inout JSONWriter) -> Bool {
        let json: JSON
        do {
            switch try JSONParser.parseMessage(message) {
            case .request(let request): return respond(toRequest: request, into: &out)
            case .other(let other): json = other
            }
        } catch {
            Dispatcher.writeError(.parseError(reason: error.reason), id: .null, into: &out)
            return true
        }
        guard case .array(let batch) = json else { return respond(toRequest: json, into: &out) }
        guard !batch.isEmpty else {
            Dispatcher.writeError(.invalidRequest(reason: "an empty batch"), id: .null, into: &out)
            return true
        }
        let mark = out.checkpoint
        out.beginArray()
        var answered = false
        for request in batch {
            // A small batch can ask for huge answers (rpc.discover is 1500 times its request):
            // past the budget, members are refused, each with its own id, instead of run.
            let overBudget = out.count - mark.count > Dispatcher.maxBatchResponseBytes
            if overBudget ? refuse(request, into: &out) : respond(toRequest: request, into: &out) {
                answered = true
            }
        }
        out.endArray()
        // All notifications: send nothing at all, and leave no comma due for what follows.
        if !answered { out.rollBack(to: mark) }
        return answered
    }

    public func respond(to message: [UInt8], into out: inout JSONWriter) -> Bool {
        message.withUnsafeBytes { respond(to: $0, into: &out) }
    }

    /// How much of a batch's response is built before the rest of its members are refused.
    public static let maxBatchResponseBytes = 16 << 20

    /// The answer to a batch member past the budget: -32600 with its id; nothing for a
    /// notification, which is never answered.
    private func refuse(_ request: JSON, into out: inout JSONWriter) -> Bool {
        guard case .object = request, let idJSON = request["id"] else { return false }
        let reason = "the batch's answers passed \(Dispatcher.maxBatchResponseBytes >> 20) MiB before this request: send it again in a smaller batch"
        Dispatcher.writeError(.invalidRequest(reason: reason), id: RequestID(idJSON) ?? .null, into: &out)
        return true
    }

    static let idKey = JSONWriter.Key("id")
    static let resultKey = JSONWriter.Key("result")

    /// `"jsonrpc":"2.0"`, the same in every response: encoded once.
    static let versionMember = Array(#""jsonrpc":"2.0""#.utf8)

    /// Writes a complete error response (also used by transports for framing errors).
    public static func writeError(_ error: RPCError, id: RequestID, into out: inout JSONWriter) {
        out.beginObject()
        out.raw(versionMember)
        out.field(Dispatcher.idKey, id)
        out.field("error", error)
        out.endObject()
    }

    private func respond(toRequest json: JSON, into out: inout JSONWriter) -> Bool {
        guard case .object(let members) = json else {
            Dispatcher.writeError(.invalidRequest(reason: "a request must be a JSON object, not \(json.typeName)"),
                                  id: .null, into: &out)
            return true
        }
        return respond(toRequest: RequestMembers(members), into: &out)
    }

    private func respond(toRequest request: RequestMembers, into out: inout JSONWriter) -> Bool {
        let id: RequestID?
        if let idJSON = request.id {
            guard let readable = RequestID(idJSON) else {
                Dispatcher.writeError(.invalidRequest(reason: "id must be a string, a number or null, not \(idJSON.typeName)"),
                                      id: .null, into: &out)
                return true
            }
            id = readable
        } else {
            id = nil
        }
        let call: (method: String, params: Params)
        switch Dispatcher.validate(request) {
        case .failure(let error):
            Dispatcher.writeError(error, id: id ?? .null, into: &out)  // answered even without an id
            return true
        case .success(let valid):
            call = valid
        }
        guard let id else {
            var discarded = JSONWriter()  // a notification runs but is never answered
            _ = run(call.method, params: call.params, into: &discarded)
            return false
        }
        out.beginObject()
        out.raw(Dispatcher.versionMember)
        out.field(Dispatcher.idKey, id)
        if let error = run(call.method, params: call.params, into: &out) { out.field("error", error) }
        out.endObject()
        return true
    }

    /// Checks `jsonrpc`, `method` and the JSON type of `params`. `null` is params left out
    /// (Emacs' jsonrpc.el sends it for none); an array is kept only as whether it is empty,
    /// since every method takes its params by name (`nil` stands for a non-empty one).
    private static func validate(_ request: RequestMembers) -> Result<(method: String, params: Params), RPCError> {
        guard case .string("2.0")? = request.jsonrpc else {
            return .failure(.invalidRequest(reason: "jsonrpc must be exactly \"2.0\""))
        }
        guard case .string(let method)? = request.method else {
            return .failure(.invalidRequest(reason: "method must be a string"))
        }
        switch request.params {
        case nil, .null?: return .success((method, .named([])))
        case .object(let members)?: return .success((method, .named(members)))
        case .array(let elements)?: return .success((method, .positional(isEmpty: elements.isEmpty)))
        case let other?:
            return .failure(.invalidRequest(reason: "params must be an object or an array, not \(other.typeName)"))
        }
    }

    private enum Params {
        case named([JSONMember])
        case positional(isEmpty: Bool)
    }

    private func run(_ method: String, params: Params, into out: inout JSONWriter) -> RPCError? {
        guard let entry = table.entry(for: method) else { return .methodNotFound(method: method) }
        switch params {
        case .named(let members):
            return entry.handler(members, &out)
        // `[]` is how Neovim's Lua spells "no params": none, for a method that takes none.
        case .positional(isEmpty: true) where entry.takesNoParams:
            return entry.handler([], &out)
        case .positional:
            return .invalidParams([FieldError(path: "", code: .invalidType,
                                              message: "Los parámetros van por nombre: se esperaba un objeto, no una lista.")])
        }
    }
}
