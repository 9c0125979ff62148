/// Turns one JSON text into its response: the JSON-RPC 2.0 envelope rules, all of them.
///
/// Knows nothing of framing or sockets: the transport hands it the bytes of one message
/// and frames whatever it writes.
public struct Dispatcher: Sendable {
    public let table: MethodTable
    /// Makes a table whose methods answer the same way each time they are asked (the clock
    /// read once). A batch framed with Content-Length runs twice, once to count its answer's
    /// bytes for the header and once to write them, so both runs must agree.
    let repeatableTable: (@Sendable () -> MethodTable)?

    public init(table: MethodTable, repeatableTable: (@Sendable () -> MethodTable)? = nil) {
        self.table = table
        self.repeatableTable = repeatableTable
    }

    /// What `begin` made of a message.
    public enum Reply {
        /// Nothing to send: a notification.
        case none
        /// The whole answer is written.
        case answer
        /// A batch, not run yet: `batch(_:repeatable:)` makes the `Batch` that runs it.
        /// (Only a position, so that the reply to every single request stays a register.)
        case batch(membersAt: Int)
    }

    /// The batch `begin` found, whose members start at `membersAt`. `repeatable` makes it
    /// run with `repeatableTable` (see there).
    public func batch(membersAt: Int, repeatable: Bool = false) -> Batch {
        let runner = repeatable ? repeatableTable.map { Dispatcher(table: $0()) } ?? self : self
        return Batch(dispatcher: runner, next: membersAt)
    }

    /// Answers a single request, or says where the batch to run starts.
    public func begin(_ message: UnsafeRawBufferPointer, into out: inout JSONWriter) -> Reply {
        let membersAt: Int
        do {
            switch try JSONParser.parseMessage(message) {
            case .request(let request): return respond(toRequest: request, into: &out) ? .answer : .none
            case .other(let other):
                _ = respond(toRequest: other, into: &out)  // never a request: always answered
                return .answer
            case .batch(let offset): membersAt = offset
            }
        } catch {
            Dispatcher.writeError(.parseError(reason: error.reason), id: .null, into: &out)
            return .answer
        }
        guard message[membersAt] != UInt8(ascii: "]") else {
            Dispatcher.writeError(.invalidRequest(reason: "an empty batch"), id: .null, into: &out)
            return .answer
        }
        return .batch(membersAt: membersAt)
    }

    /// Appends the whole response to `out`. Returns false when there is nothing to send
    /// (a notification, or a batch of notifications).
    public func respond(to message: UnsafeRawBufferPointer, into out: inout JSONWriter) -> Bool {
        switch begin(message, into: &out) {
        case .none: return false
        case .answer: return true
        case .batch(let membersAt):
            var batch = batch(membersAt: membersAt)
            batch.step(message, into: &out, until: .max)
            return batch.answered
        }
    }

    public func respond(to message: [UInt8], into out: inout JSONWriter) -> Bool {
        message.withUnsafeBytes { respond(to: $0, into: &out) }
    }

    /// A batch being answered: its members run one at a time, each parsed from the message's
    /// bytes as it runs, and the array is written as they go (`[`, the answers with their
    /// commas, `]`). A batch of notifications writes nothing at all.
    public struct Batch: Sendable {
        let dispatcher: Dispatcher
        /// Where the next member starts in the message; nil once every member has run.
        private var next: Int?
        /// Whether `[` is written: some member was answered.
        public private(set) var answered = false

        init(dispatcher: Dispatcher, next: Int) {
            self.dispatcher = dispatcher
            self.next = next
        }

        public var isFinished: Bool { next == nil }

        /// Runs members until `out` holds `limit` bytes or more (at least one member runs),
        /// or until the last one, closing the array. `message` is the bytes given to `begin`;
        /// `out` may be a fresh writer at each step.
        public mutating func step(_ message: UnsafeRawBufferPointer, into out: inout JSONWriter, until limit: Int) {
            if answered { out.commaIsDue() }  // a fresh writer continues the array
            while let offset = next {
                let (member, following) = JSONParser.parseBatchMember(message, at: offset)
                next = following
                let mark = out.checkpoint
                if !answered { out.beginArray() }
                if dispatcher.respond(toMember: member, into: &out) {
                    answered = true
                } else {
                    out.rollBack(to: mark)  // a notification: not even its comma, nor a `[` for it
                }
                if next == nil {
                    if answered { out.endArray() }
                } else if out.count >= limit {
                    return
                }
            }
        }
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

    func respond(toMember member: JSONParser.Member, into out: inout JSONWriter) -> Bool {
        switch member {
        case .request(let request): respond(toRequest: request, into: &out)
        case .other(let json): respond(toRequest: json, into: &out)
        }
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
