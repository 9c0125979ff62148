/// A value written as one JSON value (a string, a number, a list) whose form a JSON Schema
/// fragment states: a date, a serial number, a bounded count.
///
/// The fragment sits beside the type's parser, so the published schema and what the type
/// accepts change together. Structs made of fields need no conformance: their schema is
/// read from their `Codable` shape and the documentation on their `CodingKeys`.
public protocol SchemaValue: Codable, Hashable, Sendable {
    /// What it accepts where it is read (params).
    static var inputSchema: SchemaFragment { get }
    /// What it writes where it is answered (results); the input form unless it is narrower
    /// (a serial is accepted in any case and answered upper-cased).
    static var outputSchema: SchemaFragment { get }
    /// Its name among a document's shared schemas (`components.schemas`); nil to write it
    /// in place, as generic types (a bounded count) are.
    static var schemaName: String? { get }
    /// Stands in for a value that could not be read, so that a decoder collecting every
    /// problem (the server's) can finish building the params and go on to the next field.
    /// Never seen by a caller: params with a problem are not used.
    static var placeholder: Self { get }
}

extension SchemaValue {
    public static var outputSchema: SchemaFragment { inputSchema }
    public static var schemaName: String? { nil }
}

/// The JSON Schema (2020-12) keywords a value type states about itself.
public struct SchemaFragment: Hashable, Sendable {
    /// The JSON types a schema can require.
    public enum JSONType: String, Hashable, Sendable {
        case string, integer, number, boolean, object, array, null
    }

    /// `type`.
    public var type: JSONType?
    /// `description`: for people.
    public var description: String?
    /// `pattern`: a regular expression the text matches.
    public var pattern: String?
    /// `format` (`date`, `date-time`, `email`).
    public var format: String?
    /// `minLength`, in characters.
    public var minLength: Int?
    /// `maxLength`, in characters.
    public var maxLength: Int?
    /// `minimum`, inclusive.
    public var minimum: Int?
    /// `maximum`, inclusive.
    public var maximum: Int?
    /// `minItems`.
    public var minItems: Int?
    /// `maxItems`.
    public var maxItems: Int?
    /// The only values allowed.
    public var enumeration: ValueList?
    /// Typical values, for people and form builders.
    public var examples: ValueList?
    /// Members an object must have (for a value whose members are not typed here).
    public var required: [String]?

    public init(type: JSONType? = nil, description: String? = nil, pattern: String? = nil, format: String? = nil,
                minLength: Int? = nil, maxLength: Int? = nil, minimum: Int? = nil, maximum: Int? = nil,
                minItems: Int? = nil, maxItems: Int? = nil, enumeration: ValueList? = nil,
                examples: ValueList? = nil, required: [String]? = nil) {
        self.type = type
        self.description = description
        self.pattern = pattern
        self.format = format
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.minItems = minItems
        self.maxItems = maxItems
        self.enumeration = enumeration
        self.examples = examples
        self.required = required
    }
}

/// A list of string values in a schema: written here, or taken from the service's catalog
/// when the document is generated (the system types change with the catalog, not with
/// this module).
public enum ValueList: Hashable, Sendable {
    case literal([String])
    case catalog(CatalogFact)
}

/// A fact of the campaign catalog that a schema mentions without fixing it here: the
/// server that generates the document fills in its own catalog's value.
public struct CatalogFact: Hashable, Sendable {
    /// The fact's name, which the server resolves.
    public let name: String
    public init(_ name: String) { self.name = name }

    /// The version the free upgrade leads to (`"2012"`).
    public static let targetVersion = CatalogFact("targetVersion")
    /// The first purchase date that qualifies.
    public static let cutoffDate = CatalogFact("cutoffDate")
    /// Where key requests are sent.
    public static let keyRequestTo = CatalogFact("keyRequestTo")
    /// The key request's subject.
    public static let keyRequestSubject = CatalogFact("keyRequestSubject")
    /// The workbook's file name.
    public static let attachmentFilename = CatalogFact("attachmentFilename")
    /// The number to call for installation.
    public static let installationPhone = CatalogFact("installationPhone")
    /// ISO 4217 code of every amount.
    public static let currency = CatalogFact("currency")
    /// The canonical system-type names (a list).
    public static let systemTypes = CatalogFact("systemTypes")
    /// The plans' customer-facing labels (a list).
    public static let planLabels = CatalogFact("planLabels")
}
