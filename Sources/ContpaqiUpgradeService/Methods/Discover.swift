import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding

/// `rpc.discover`: the OpenRPC document. The protocol's own method, so declared here rather
/// than in the API module, whose clients read the document from Schemas/openrpc.json.
public enum Discover: RPCMethod {
    public static let name = "rpc.discover"
    public typealias Params = NoParams
    public typealias Result = DocumentValue
}

public struct DiscoverHandler: DocumentedHandler {
    public typealias Declaration = Discover
    public static let summary = "Devuelve el documento OpenRPC 1.3 de este servicio (igual a Schemas/openrpc.json)."

    public init() {}

    public func call(_ params: NoParams) throws(RPCError) -> DocumentValue { DocumentValue(OpenRPCDocument.document) }

    /// The document never changes: its compact encoding is made once (by the Codable
    /// encoder, `OpenRPCDocument.compact`) and copied.
    public func write(_ result: DocumentValue, to writer: inout JSONWriter) {
        if result.json == OpenRPCDocument.document { writer.raw(OpenRPCDocument.compact) } else { ResultEncoder.write(result, to: &writer) }
    }

    /// None: the document would have to contain itself.
    public static let examples: [(name: String, params: JSON)] = []
}

/// A JSON value carried as it is (the OpenRPC document), members in their order.
public struct DocumentValue: Hashable, Sendable {
    public let json: JSON

    public init(_ json: JSON) { self.json = json }

    public func hash(into hasher: inout Hasher) { hasher.combine(json.description) }
}

extension DocumentValue: SchemaValue {
    public init(from decoder: any Decoder) throws {
        json = try Self.read(decoder)
    }

    private static func read(_ decoder: any Decoder) throws -> JSON {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            return .object(try container.allKeys.map { JSONMember($0.stringValue, try Self.read(container.superDecoder(forKey: $0))) })
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [JSON] = []
            while !container.isAtEnd { elements.append(try Self.read(container.superDecoder())) }
            return .array(elements)
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { return .null }
        if let flag = try? container.decode(Bool.self) { return .bool(flag) }
        if let integer = try? container.decode(Int64.self) { return .number(String(integer)) }
        if let number = try? container.decode(Double.self) { return .number(String(number)) }
        return .string(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        switch json {
        case .object(let members):
            var container = encoder.container(keyedBy: AnyKey.self)
            for member in members { try container.encode(DocumentValue(member.value), forKey: AnyKey(stringValue: member.key)) }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(DocumentValue(element)) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let literal):
            var container = encoder.singleValueContainer()
            if let integer = Int(literal) { try container.encode(integer) } else { try container.encode(Double(literal) ?? 0) }
        }
    }

    public static let inputSchema = SchemaFragment(type: .object, description: "Documento OpenRPC 1.3 (https://spec.open-rpc.org).",
                                                   required: ["openrpc", "info", "methods"])
    public static let placeholder = DocumentValue(.object([]))

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
