import JSONRPC

/// `rpc.discover`: the OpenRPC document, as `contpaqi-upgrade schema` prints it.
public struct Discover: RPCMethod {
    public static let name = "rpc.discover"
    public static let summary = "Devuelve el documento OpenRPC 1.3 de este servicio (igual a Schemas/openrpc.json)."

    public init() {}

    public func call(_ params: NoParams) throws(RPCError) -> DocumentResult { DocumentResult() }

    public struct DocumentResult: JSONEncodable, Sendable {
        public func encode(to writer: inout JSONWriter) { writer.raw(OpenRPCDocument.compact) }
    }
}

extension Discover: DocumentedMethod {
    public static let resultSchema = Schema.object(
        ("description", .string("Documento OpenRPC 1.3 (https://spec.open-rpc.org).")),
        ("type", .string("object")),
        ("required", ["openrpc", "info", "methods"]))

    /// None: the document would have to contain itself.
    public static let examples: [(name: String, params: JSON)] = []
}
