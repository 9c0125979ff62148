import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import Synchronization

/// A tiny method table that exercises every dispatcher and params rule without the service.

/// Text trimmed of white space; blank counts as missing, as the contract says.
struct TrimmedText: SchemaValue, ExpressibleByStringLiteral {
    var text: String
    init(stringLiteral text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { throw ValueError.blank }
        text = String(scalars[first...last])
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    static let inputSchema = SchemaFragment(type: .string)
    static let placeholder = TrimmedText(stringLiteral: "")
}

enum OneToTen: IntegerRange { static let range = 1...10 }
enum OneToFive: IntegerRange { static let range = 1...5 }
enum OneToThree: IntegerRange { static let range = 1...3 }
enum UpToTwo: IntegerRange { static let range = 0...2 }

/// `echo {text, n?}` -> `{"text", "n"}`.
enum Echo: RPCMethod {
    static let name = "echo"

    struct Params: Codable, Hashable, Sendable {
        var text: TrimmedText
        var n: Bounded<OneToTen>?

        enum CodingKeys: String, DocumentedKey {
            case text, n
            var documentation: FieldDoc {
                switch self {
                case .text: "Text to echo."
                case .n: "A small count."
                }
            }
        }
    }

    struct Result: Codable, Hashable, Sendable {
        var text: String
        var n: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(n, forKey: .n)
        }
    }
}

struct EchoHandler: MethodHandler {
    typealias Declaration = Echo
    func call(_ params: Echo.Params) throws(RPCError) -> Echo.Result { Echo.Result(text: params.text.text, n: params.n?.value) }
}

/// No params -> `"pong"`.
enum Ping: RPCMethod {
    static let name = "ping"
    typealias Params = NoParams
    typealias Result = String
}

struct PingHandler: MethodHandler {
    typealias Declaration = Ping
    func call(_ params: NoParams) throws(RPCError) -> String { "pong" }
}

/// Counts its calls, so a test can see that a notification was executed.
final class CallCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

enum Record: RPCMethod {
    static let name = "record"
    typealias Params = NoParams
    typealias Result = Int
}

struct RecordHandler: MethodHandler {
    typealias Declaration = Record
    let counter: CallCounter
    func call(_ params: NoParams) throws(RPCError) -> Int {
        counter.increment()
        return counter.value
    }
}

/// Always fails with a method's own error code.
enum Refuse: RPCMethod {
    static let name = "refuse"
    typealias Params = NoParams
    typealias Result = String
}

struct RefuseHandler: MethodHandler {
    typealias Declaration = Refuse
    func call(_ params: NoParams) throws(RPCError) -> String {
        throw .application(code: -32001, message: "Not eligible",
                           errors: [FieldError(path: "/x", code: FieldErrorCode(rawValue: "NOT_ELIGIBLE"), message: "No.")])
    }
}

struct OrderItem: Codable, Hashable, Sendable {
    var name: TrimmedText
    var quantity: Bounded<OneToFive>?

    enum CodingKeys: String, DocumentedKey {
        case name, quantity = "qty"
        var documentation: FieldDoc {
            switch self {
            case .name: "Item name."
            case .quantity: "How many."
            }
        }
    }
}

/// Nested objects, lists and a cross-field check (repeated names).
enum Order: RPCMethod {
    static let name = "order"

    struct Params: Codable, Hashable, Sendable {
        var items: BoundedList<OrderItem, OneToThree>
        var tags: BoundedList<TrimmedText, UpToTwo>?
        var rush: Bool?
    }

    struct Result: Codable, Hashable, Sendable {
        var items: Int
        var tags: [String]
        var rush: Bool?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(tags, forKey: .tags)
            try container.encode(rush, forKey: .rush)
        }
    }
}

struct OrderHandler: MethodHandler {
    typealias Declaration = Order

    func check(_ params: Order.Params, _ problems: inout ParamsProblems) {
        var seen: Set<String> = []
        for (index, item) in params.items.enumerated() where !seen.insert(item.name.text).inserted {
            problems.fail("/items/\(index)/name", ErrorCode(rawValue: "DUPLICATE_NAME"), "Repetido.")
        }
    }

    func call(_ params: Order.Params) throws(RPCError) -> Order.Result {
        Order.Result(items: params.items.count, tags: params.tags?.map(\.text) ?? [], rush: params.rush)
    }
}

extension MethodTable {
    static func testTable(counter: CallCounter = CallCounter()) -> MethodTable {
        var table = MethodTable()
        table.register(EchoHandler())
        table.register(PingHandler())
        table.register(RecordHandler(counter: counter))
        table.register(RefuseHandler())
        table.register(OrderHandler())
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
