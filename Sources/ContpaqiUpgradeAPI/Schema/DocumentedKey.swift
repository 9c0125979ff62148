/// Coding keys that document their fields: the descriptions of the generated schema.
///
/// Declared as an exhaustive `switch`, so a field added without its documentation does not
/// compile.
public protocol DocumentedKey: CodingKey {
    var documentation: FieldDoc { get }
}

/// What the schema says about one field beyond its type.
public struct FieldDoc: ExpressibleByStringLiteral, Hashable, Sendable {
    /// For people: the schema's `description` (Spanish, as the service's users read it).
    public var description: String
    /// A field whose value is fixed, by this module or by the catalog.
    public var value: FixedValue?
    /// The form of a plain string field (`contentBase64`), as a regular expression.
    public var pattern: String?

    public init(_ description: String, value: FixedValue? = nil, pattern: String? = nil) {
        self.description = description
        self.value = value
        self.pattern = pattern
    }

    public init(stringLiteral description: String) { self.init(description) }
}

/// The values a field can take, beyond what its type allows. On a list field, they apply to
/// its items.
public enum FixedValue: Hashable, Sendable {
    /// Always this text (`quoteMethod` is always `"quoteSupport"`).
    case constant(String)
    /// Always the catalog's value of this fact (the target version).
    case catalog(CatalogFact)
    /// One of the catalog's values of this list fact (a plan label).
    case oneOf(CatalogFact)
}
