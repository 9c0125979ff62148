import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import UpgradeRules

/// The OpenRPC 1.3 document, derived from the methods' Codable types: params and results
/// read from the types (`SchemaReader`), shared types under `components.schemas`, catalog
/// facts from the catalog, example results by running the examples through the real
/// dispatcher. Never edited by hand: `contpaqi-upgrade schema` writes Schemas/openrpc.json.
public enum OpenRPCDocument {
    /// Pretty-printed, as committed in Schemas/openrpc.json.
    public static let text: String = PrettyJSON.text(document)
    /// Compact, for the `rpc.discover` result on the wire, as the Codable encoder writes it.
    static let compact: [UInt8] = {
        var writer = JSONWriter(capacity: 1 << 16)
        ResultEncoder.write(DocumentValue(document), to: &writer)
        return writer.bytes
    }()

    /// Examples run at a fixed instant, so the document does not change by itself; examples
    /// that depend on "today" would then disagree with the live server and fail the tests.
    static let exampleClock = ServiceClock.fixed(OffsetDateTime(rfc3339: "2026-01-15T10:00:00-06:00")!)

    /// The document as a JSON value.
    public static let document: JSON = {
        // Real Message-IDs are random; the examples' come from a fixed sequence, so the
        // committed file is the same on every run and only that header differs from a live answer.
        let dispatcher = ContpaqiUpgradeService.dispatcher(clock: exampleClock, messageIDs: .seeded(20120110))
        var schemas = SchemaReader(catalog: CatalogFacts.values)
        let methods = ContpaqiUpgradeService.methods(clock: exampleClock).map { describe($0, dispatcher, &schemas) }
        return .members([
            "openrpc": "1.3.2",
            "info": .members([
                "title": .string(ContpaqiUpgradeService.title),
                "version": .string(ContpaqiUpgradeService.version),
                "description": .string(infoDescription),
            ]),
            "methods": .array(methods),
            "components": .members(["schemas": schemas.componentSchemas]),
        ])
    }()

    static let infoDescription = """
        JSON-RPC 2.0 service for a CONTPAQ i reseller: who gets the free upgrade to the 2012 \
        versions (purchases from 2011-07-01), remote-support quotes, and the key-request e-mail \
        with its .xlsx attachment. Params by name only (an array gets -32602, except [] for a \
        method that takes none); "params": null is params left out, and so is an optional field \
        given as null. Every text input, dates included, is trimmed of leading and trailing \
        Unicode White_Space before it is checked; what is then blank counts as missing \
        (REQUIRED, or the default); control characters inside are INVALID_TEXT. Schemas are JSON \
        Schema 2020-12. Every method may also answer -32700 Parse error, -32600 Invalid Request \
        and -32601 Method not found; -32602 carries data.errors [{path (JSON Pointer), code, \
        message}] in params order, at most 100 of them (then data.truncated is true). Money is \
        a decimal string with two decimals (MXN), never a binary float.
        """

    private static func describe<H: DocumentedHandler>(_ handler: H, _ dispatcher: Dispatcher,
                                                        _ schemas: inout SchemaReader) -> JSON {
        typealias M = H.Declaration
        var members: [JSONMember] = [
            JSONMember("name", .string(M.name)),
            JSONMember("summary", .string(H.summary)),
            JSONMember("paramStructure", "by-name"),
            JSONMember("params", .array(schemas.contentDescriptors(of: M.Params.self))),
            JSONMember("result", .members(["name": "result", "schema": schemas.resultSchema(of: M.Result.self)])),
            JSONMember("errors", .array(H.errors.map { error in
                .members(["code": .number(String(error.code)), "message": .string(error.message)])
            })),
        ]
        if !H.examples.isEmpty {
            members.append(JSONMember("examples", .array(H.examples.map { example(M.name, $0.name, $0.params, dispatcher) })))
        }
        return .object(members)
    }

    private static func example(_ method: String, _ name: String, _ params: JSON, _ dispatcher: Dispatcher) -> JSON {
        var request = JSONWriter()
        request.beginObject()
        request.field("jsonrpc", "2.0")
        request.field("id", 1)
        request.field("method", method)
        request.field("params", params)
        request.endObject()
        var response = JSONWriter()
        _ = dispatcher.respond(to: request.bytes, into: &response)
        guard let result = (try? JSONParser.parse(response.bytes))?["result"] else {
            preconditionFailure("documented example '\(name)' of \(method) fails: \(response.string)")
        }
        guard case .object(let pairs) = params else { return .null }
        return .members([
            "name": .string(name),
            "params": .array(pairs.map { .members(["name": .string($0.key), "value": $0.value]) }),
            "result": .members(["name": "result", "value": result]),
        ])
    }
}
