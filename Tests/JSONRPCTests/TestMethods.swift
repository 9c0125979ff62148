import JSONRPC
import Synchronization

/// A tiny method table that exercises every dispatcher and params rule without the service.

extension ParamType where Value == String {
    /// Text trimmed of white space; blank counts as missing, as the contract says.
    static let trimmedText = ParamType(schema: .object([JSONMember("type", .string("string"))]),
                                       placeholder: "") { json in
        guard case .string(let raw) = json else { return .invalid(.invalidType, "Se esperaba un texto, no \(json.typeName).") }
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return .missing }
        return .value(String(scalars[first...last]))
    }
}

struct EchoParams: ParamsObject {
    var text: String
    var n: Int?
    init(from reader: inout ParamsReader) {
        text = reader.required("text", .trimmedText, "Text to echo.")
        n = reader.optional("n", .integer(1...10), "A small count.")
    }
}

struct EchoResult: JSONEncodable {
    var params: EchoParams
    func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("text", params.text)
        writer.field("n", params.n)
        writer.endObject()
    }
}

/// `echo {text, n?}` -> `{"text", "n"}`.
struct Echo: RPCMethod {
    static let name = "echo"
    func call(_ params: EchoParams) throws(RPCError) -> EchoResult { EchoResult(params: params) }
}

/// No params -> `"pong"`.
struct Ping: RPCMethod {
    static let name = "ping"
    func call(_ params: NoParams) throws(RPCError) -> String { "pong" }
}

/// Counts its calls, so a test can see that a notification was executed.
final class CallCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

struct Record: RPCMethod {
    static let name = "record"
    let counter: CallCounter
    func call(_ params: NoParams) throws(RPCError) -> Int {
        counter.increment()
        return counter.value
    }
}

/// Always fails with a method's own error code.
struct Refuse: RPCMethod {
    static let name = "refuse"
    func call(_ params: NoParams) throws(RPCError) -> String {
        throw .application(code: -32001, message: "Not eligible",
                           errors: [FieldError(path: "/x", code: FieldErrorCode(rawValue: "NOT_ELIGIBLE"), message: "No.")])
    }
}

struct OrderItem: ParamsObject {
    var name: String
    var quantity: Int?
    init(from reader: inout ParamsReader) {
        name = reader.required("name", .trimmedText, "Item name.")
        quantity = reader.optional("qty", .integer(1...5), "How many.")
    }
}

struct OrderParams: ParamsObject {
    var items: [OrderItem]
    var tags: [String]
    var rush: Bool?
    init(from reader: inout ParamsReader) {
        items = reader.objects("items", OrderItem.self, count: 1...3, "What to order.")
        tags = reader.list("tags", .trimmedText, maxCount: 2, "Labels.")
        rush = reader.optional("rush", .boolean, "Hurry.")
    }
}

/// Nested objects, lists and a cross-field check (repeated names).
struct Order: RPCMethod {
    static let name = "order"
    func check(_ params: OrderParams, _ reader: inout ParamsReader) {
        var seen: Set<String> = []
        for (index, item) in params.items.enumerated() where !seen.insert(item.name).inserted {
            reader.fail("/items/\(index)/name", FieldErrorCode(rawValue: "DUPLICATE_NAME"), "Repetido.")
        }
    }
    func call(_ params: OrderParams) throws(RPCError) -> JSON {
        .object([JSONMember("items", .number(String(params.items.count))),
                 JSONMember("tags", .array(params.tags.map { .string($0) })),
                 JSONMember("rush", params.rush.map { .bool($0) } ?? .null)])
    }
}

extension MethodTable {
    static func testTable(counter: CallCounter = CallCounter()) -> MethodTable {
        var table = MethodTable()
        table.register(Echo())
        table.register(Ping())
        table.register(Record(counter: counter))
        table.register(Refuse())
        table.register(Order())
        return table
    }
}

/// The response `text` gets from a dispatcher over the test table; nil when nothing is sent.
func respond(_ text: String, counter: CallCounter = CallCounter()) -> String? {
    var out = JSONWriter()
    let answered = Dispatcher(table: .testTable(counter: counter)).respond(to: Array(text.utf8), into: &out)
    if !answered {
        return out.bytes.isEmpty ? nil : "ANSWERED FALSE BUT WROTE: " + out.string
    }
    return out.string
}
