/// A CONTPAQ i system type, by name.
///
/// Not a closed list: the catalog of system types belongs to the service and may grow.
/// In params the name is the text as given (trimmed): `"nominas"`, `"CONTPAQ i – Factura
/// electrónica"`; the service matches it to its catalog ignoring case, accents, dashes and
/// the `CONTPAQ i` prefix, or answers `UNKNOWN_SYSTEM_TYPE`. In results it is always the
/// catalog's canonical name (`"CONTPAQ i Nóminas"`).
public struct SystemType: Hashable, Sendable, CustomStringConvertible {
    /// The name as given (params) or the catalog's canonical name (results).
    public let name: String

    public init(_ name: String) { self.name = name }

    /// The name.
    public var description: String { name }
}

extension SystemType: SchemaValue {
    public init(from decoder: any Decoder) throws {
        name = try TextInput.read(decoder)
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(name, to: encoder) }

    /// The catalog's names are examples, not an `enum`: variants such as `"nominas"` are
    /// accepted, and a schema refusing them would refuse the documented examples.
    public static let inputSchema = SchemaFragment(type: .string, minLength: 1, examples: .catalog(.systemTypes))
    /// Results carry a canonical name.
    public static let outputSchema = SchemaFragment(type: .string, enumeration: .catalog(.systemTypes))
    public static var schemaName: String? { "SystemType" }
    public static let placeholder = SystemType("")
}
