import ContpaqiUpgradeAPI
import JSONRPC

/// JSON Schemas (2020-12) read from Codable types, for an OpenRPC document.
///
/// A struct's schema comes from walking its `init(from:)`: the fields in the order it reads
/// them, `decode` (required) or `decodeIfPresent` (optional), each field's type, and the
/// documentation on its `CodingKeys`. Where it is written (a result), its `encode(to:)` of a
/// stand-in with every optional nil says which fields are written as `null` (required and
/// nullable) and which are left out. Value types state their own fragment; catalog facts
/// are filled in by `catalog`. Named types become `components.schemas` and are referred to
/// with `$ref`, once per role: a type that reads differently than it writes (a serial is
/// accepted in any case) has an `…Input` schema beside its own.
public struct SchemaReader {
    /// Where a type appears: in params (what is accepted) or in a result (what is written).
    public enum Role: Sendable { case input, output }

    let catalog: (CatalogFact) -> [String]
    /// Writes every type in place, for a self-contained schema.
    let inline: Bool
    private var components: [JSONMember] = []
    private var named: [String: String] = [:]  // type and role -> component name

    public init(inline: Bool = false, catalog: @escaping (CatalogFact) -> [String]) {
        self.inline = inline
        self.catalog = catalog
    }

    /// `components.schemas` of what was read so far.
    public var componentSchemas: JSON { .object(components) }

    /// The type's fields in the order its `init(from:)` reads them: the rank of each field's
    /// problems. Read once per type, when its method is registered.
    public static func fieldOrder<T: Decodable>(of type: T.Type) -> [String] {
        ParamsDecoder.standIn(T.self).1.map(\.name)
    }

    /// The object schema of a params or result type, written in place (its field types may
    /// be references).
    public mutating func objectSchema<T: Codable>(of type: T.Type, role: Role) -> JSON {
        structSchema(T.self, role: role)
    }

    /// OpenRPC content descriptors, one per field of params type `T`.
    public mutating func contentDescriptors<T: Decodable>(of type: T.Type) -> [JSON] {
        let (_, fields) = ParamsDecoder.standIn(T.self)
        return fields.map { field in
            .object([
                JSONMember("name", .string(field.name)),
                JSONMember("description", .string(field.documentation?.description ?? "")),
                JSONMember("required", .bool(field.required)),
                JSONMember("schema", fieldSchema(field, role: .input, nullable: false, withDescription: false)),
            ])
        }
    }

    // MARK: Types

    /// The schema of any type that appears in params or results.
    mutating func schema(of type: any Decodable.Type, role: Role) -> JSON {
        if let primitive = Self.primitiveSchema(type) { return primitive }
        if let optional = type as? any OptionalSchema.Type { return schema(of: optional.wrappedType, role: role) }
        if let value = type as? any SchemaValue.Type { return valueSchema(value, role: role) }
        if let array = type as? any ArraySchema.Type {
            return .object([JSONMember("type", .string("array")), JSONMember("items", schema(of: array.elementType, role: role))])
        }
        guard let codable = type as? any Codable.Type else { preconditionFailure("\(type) is not Codable") }
        return reference(to: codable, role: role)
    }

    private mutating func valueSchema<V: SchemaValue>(_ type: V.Type, role: Role) -> JSON {
        var members = render(role == .input ? V.inputSchema : V.outputSchema)
        if let array = V.self as? any ArraySchema.Type {
            members.insert(JSONMember("items", schema(of: array.elementType, role: role)), at: 1)
        }
        guard !inline, let name = V.schemaName else { return .object(members) }
        let differs = V.inputSchema != V.outputSchema
        return register(.object(members), name: role == .input && differs ? name + "Input" : name,
                        key: "\(ObjectIdentifier(V.self))/\(differs ? String(describing: role) : "")")
    }

    private mutating func reference<T: Codable>(to type: T.Type, role: Role) -> JSON {
        let schema = structSchema(T.self, role: role)
        guard !inline else { return schema }
        // Both roles read in place, apart, so that comparing them keeps no components.
        var input = SchemaReader(inline: true, catalog: catalog), output = input
        let differs = input.structSchema(T.self, role: .input) != output.structSchema(T.self, role: .output)
        let name = Self.componentName(of: T.self)
        return register(schema, name: role == .input && differs ? name + "Input" : name,
                        key: "\(ObjectIdentifier(T.self))/\(differs ? String(describing: role) : "")")
    }

    private mutating func register(_ schema: JSON, name: String, key: String) -> JSON {
        if named[key] == nil {
            named[key] = name
            components.append(JSONMember(name, schema))
        }
        return .object([JSONMember("$ref", .string("#/components/schemas/" + name))])
    }

    /// `RequestKeys.System` is `RequestKeysSystem`: the type's path without its module.
    static func componentName(of type: Any.Type) -> String {
        String(reflecting: type).split(separator: ".").dropFirst().joined()
    }

    /// An object of the fields `T`'s `init(from:)` reads, closed to others.
    mutating func structSchema<T: Codable>(_ type: T.Type, role: Role) -> JSON {
        let (standIn, fields) = ParamsDecoder.standIn(T.self)
        let nullable = role == .output ? Self.fieldsWrittenAsNull(standIn) : []
        var properties: [JSONMember] = []
        var required: [JSON] = []
        for field in fields {
            let isNullable = nullable.contains(field.name)
            properties.append(JSONMember(field.name, fieldSchema(field, role: role, nullable: isNullable, withDescription: true)))
            if field.required || isNullable { required.append(.string(field.name)) }
        }
        var members = [JSONMember("type", .string("object")), JSONMember("properties", .object(properties))]
        if !required.isEmpty { members.append(JSONMember("required", .array(required))) }
        members.append(JSONMember("additionalProperties", .bool(false)))
        return .object(members)
    }

    /// The members `value` writes as `null`: with every optional nil, those it does not
    /// leave out.
    private static func fieldsWrittenAsNull<T: Encodable>(_ value: T) -> Set<String> {
        var writer = JSONWriter()
        ResultEncoder.write(value, to: &writer)
        guard case .object(let members)? = try? JSONParser.parse(writer.bytes) else { return [] }
        return Set(members.filter { $0.value == .null }.map(\.key))
    }

    private mutating func fieldSchema(_ field: FieldRecord, role: Role, nullable: Bool, withDescription: Bool) -> JSON {
        var schema = schema(of: field.type, role: role)
        if let documentation = field.documentation {
            schema = applying(documentation, to: schema)
        }
        if nullable { schema = .object([JSONMember("anyOf", .array([schema, .object([JSONMember("type", .string("null"))])]))]) }
        guard withDescription, let description = field.documentation?.description, case .object(let members) = schema else {
            return schema
        }
        return .object([JSONMember("description", .string(description))] + members)
    }

    /// A field's fixed values and pattern, on its items when it is a list.
    private func applying(_ documentation: FieldDoc, to schema: JSON) -> JSON {
        guard case .object(var members) = schema else { return schema }
        if let itemsIndex = members.firstIndex(where: { $0.key == "items" }) {
            members[itemsIndex].value = applying(documentation, to: members[itemsIndex].value)
            return .object(members)
        }
        switch documentation.value {
        case .constant(let value)?: return .object([JSONMember("const", .string(value))])
        case .catalog(let fact)?: return .object([JSONMember("const", .string(catalog(fact).first ?? ""))])
        case .oneOf(let fact)?: members.append(JSONMember("enum", .array(catalog(fact).map(JSON.string))))
        case nil: break
        }
        if let pattern = documentation.pattern { members.append(JSONMember("pattern", .string(pattern))) }
        return .object(members)
    }

    // MARK: Fragments

    static func primitiveSchema(_ type: Any.Type) -> JSON? {
        let name: String
        switch type {
        case is String.Type: name = "string"
        case is Bool.Type: name = "boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: name = "integer"
        case is Double.Type, is Float.Type: name = "number"
        default: return nil
        }
        return .object([JSONMember("type", .string(name))])
    }

    /// A fragment as schema members, keywords in a fixed order.
    func render(_ fragment: SchemaFragment) -> [JSONMember] {
        var members: [JSONMember] = []
        func add(_ key: String, _ value: JSON?) { if let value { members.append(JSONMember(key, value)) } }
        func number(_ value: Int?) -> JSON? { value.map { .number(String($0)) } }
        add("description", fragment.description.map(JSON.string))
        add("type", fragment.type.map { .string($0.rawValue) })
        add("pattern", fragment.pattern.map(JSON.string))
        add("format", fragment.format.map(JSON.string))
        add("minLength", number(fragment.minLength))
        add("maxLength", number(fragment.maxLength))
        add("minimum", number(fragment.minimum))
        add("maximum", number(fragment.maximum))
        add("minItems", number(fragment.minItems))
        add("maxItems", number(fragment.maxItems))
        add("enum", fragment.enumeration.map(values))
        add("examples", fragment.examples.map(values))
        add("required", fragment.required.map { .array($0.map(JSON.string)) })
        return members
    }

    private func values(_ list: ValueList) -> JSON {
        switch list {
        case .literal(let values): .array(values.map(JSON.string))
        case .catalog(let fact): .array(catalog(fact).map(JSON.string))
        }
    }
}

/// Lists, whatever holds them: their items are described by their element type.
protocol ArraySchema {
    static var elementType: any Decodable.Type { get }
}

extension Array: ArraySchema where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
}

extension BoundedList: ArraySchema {
    static var elementType: any Decodable.Type { Element.self }
}

protocol OptionalSchema {
    static var wrappedType: any Decodable.Type { get }
}

extension Optional: OptionalSchema where Wrapped: Decodable {
    static var wrappedType: any Decodable.Type { Wrapped.self }
}

extension SchemaReader {
    /// A result's schema, written in place: an object of its fields, or its own fragment.
    public mutating func resultSchema<T: Codable>(of type: T.Type) -> JSON {
        if let value = T.self as? any SchemaValue.Type, value.schemaName == nil { return schema(of: value, role: .output) }
        return structSchema(T.self, role: .output)
    }
}
