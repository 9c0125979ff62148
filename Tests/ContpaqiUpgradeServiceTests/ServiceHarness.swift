import ContpaqiUpgradeService
import JSONRPC
import ContpaqiUpgradeAPI
import UpgradeRules

/// Drives the service the way a client does: request bytes in, response JSON out, through
/// the real dispatcher with a fixed clock. Nothing here reaches inside the module.
struct Service {
    /// "Now" for most tests: the afternoon the documented examples are sent.
    static let afternoon = "2012-01-10T16:30:00-06:00"

    let dispatcher: Dispatcher

    init(now: String = Service.afternoon, messageIDs: MessageIDSource = .system) {
        dispatcher = ContpaqiUpgradeService.dispatcher(clock: .fixed(OffsetDateTime(rfc3339: now)!), messageIDs: messageIDs)
    }

    /// The whole response object for `method` with `params` (JSON text, or none).
    func respond(_ method: String, _ params: String? = nil) -> JSON {
        let request = #"{"jsonrpc":"2.0","id":7,"method":"\#(method)""# + (params.map { #","params":\#($0)}"# } ?? "}")
        var out = JSONWriter()
        _ = dispatcher.respond(to: Array(request.utf8), into: &out)
        return (try? JSONParser.parse(out.bytes)) ?? .string("unparsable response: \(out.string)")
    }

    /// The result, or nil when the call failed.
    func result(_ method: String, _ params: String? = nil) -> JSON? {
        respond(method, params)["result"]
    }

    func error(_ method: String, _ params: String? = nil) -> RPCErrorReply? {
        respond(method, params)["error"].map(RPCErrorReply.init)
    }
}

/// The JSON-RPC error object, read back.
struct RPCErrorReply {
    let code: Int?
    let message: String?
    /// `(path, code)` of every entry in `data.errors`, in order.
    let errors: [(path: String, code: String)]
    let messages: [String]

    init(_ json: JSON) {
        code = json["code"]?.int64.map(Int.init)
        message = json["message"]?.text
        let entries = json["data"]?["errors"]?.elements ?? []
        errors = entries.map { ($0["path"]?.text ?? "?", $0["code"]?.text ?? "?") }
        messages = entries.map { $0["message"]?.text ?? "" }
    }

    /// `"path code"` strings, easy to compare in one `#expect`.
    var summary: [String] { errors.map { "\($0.path) \($0.code)" } }
}

extension JSON {
    var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var elements: [JSON]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var flag: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }

    subscript(index: Int) -> JSON? {
        guard let values = elements, values.indices.contains(index) else { return nil }
        return values[index]
    }

    /// The member names of an object, in order.
    var keys: [String] {
        if case .object(let members) = self { return members.map(\.key) }
        return []
    }
}

/// `message` with its Message-ID's value replaced: the one header that is random by design.
func withoutMessageID(_ message: String) -> String {
    guard let start = message.firstRange(of: "\r\nMessage-ID: <"),
          let end = message[start.upperBound...].firstIndex(of: ">") else { return message }
    var masked = message
    masked.replaceSubrange(start.upperBound..<end, with: "…")
    return masked
}

/// JSON text for a string value, escaped by the project's own writer.
func quoted(_ text: String) -> String { JSON.string(text).description }

/// The source document's sample customer (its second example, with the comma).
enum Sample {
    static let company = "Empresa de muestra, S.A. de C.V."
    static let contact = "Raul Gonzalez Rivera"
    static let email = "rgonzalez@empresamuestra.com.mx"
    /// The four systems of the source's spreadsheet, in its order.
    static let systems = [
        ("CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-DDDD"),
        ("CONTPAQ i Contabilidad", "AAAA-BBBB-CCCC-EEEE"),
        ("CONTPAQ i Nóminas", "AAAA-BBBB-CCCC-FFFF"),
        ("CONTPAQ i Bancos", "AAAA-BBBB-CCCC-GGGG"),
    ]

    static func system(_ type: String, _ serial: String, purchaseDate: String? = nil) -> String {
        #"{"systemType":\#(quoted(type)),"serialNumber":\#(quoted(serial))"#
            + (purchaseDate.map { #","purchaseDate":\#(quoted($0))"# } ?? "") + "}"
    }

    /// requestKeys params: the sample customer, `systems` (JSON array text) and extra members.
    static func request(systems: String? = nil, company: String = company, contact: String = contact,
                        email: String = email, extra: String = "") -> String {
        let list = systems ?? "[" + system("CONTPAQ i – Factura electrónica", "Aaaa-Bbbb-Cccc-Dddd") + "]"
        return #"{"company":\#(quoted(company)),"contactName":\#(quoted(contact)),"contactEmail":\#(quoted(email)),"systems":\#(list)"#
            + (extra.isEmpty ? "" : "," + extra) + "}"
    }

    static var fourSystems: String { "[" + systems.map { system($0.0, $0.1) }.joined(separator: ",") + "]" }
}
