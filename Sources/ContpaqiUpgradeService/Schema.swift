import JSONRPC

/// Small builders for JSON Schema fragments, so field types read like their schema.
enum Schema {
    static func object(_ members: (String, JSON)...) -> JSON {
        .object(members.map { JSONMember($0.0, $0.1) })
    }

    static func string(pattern: String? = nil, format: String? = nil, minLength: Int? = nil,
                       maxLength: Int? = nil, enumeration: [String]? = nil, examples: [String] = []) -> JSON {
        var members = [JSONMember("type", .string("string"))]
        if let pattern { members.append(JSONMember("pattern", .string(pattern))) }
        if let format { members.append(JSONMember("format", .string(format))) }
        if let minLength { members.append(JSONMember("minLength", .number(String(minLength)))) }
        if let maxLength { members.append(JSONMember("maxLength", .number(String(maxLength)))) }
        if let enumeration { members.append(JSONMember("enum", .array(enumeration.map(JSON.string)))) }
        if !examples.isEmpty { members.append(JSONMember("examples", .array(examples.map(JSON.string)))) }
        return .object(members)
    }

    static func nullable(_ schema: JSON) -> JSON {
        object(("anyOf", .array([schema, object(("type", .string("null")))])))
    }

    static func array(of items: JSON) -> JSON {
        object(("type", .string("array")), ("items", items))
    }

    static let boolean = object(("type", .string("boolean")))
    static let integer = object(("type", .string("integer")))

    /// Money: a decimal string with exactly two decimals, never a binary float.
    static let money = string(pattern: "^-?[0-9]+\\.[0-9]{2}$", examples: ["6500.00"])
    static let date = string(pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", format: "date", examples: ["2011-08-15"])
    static let serial = string(pattern: "^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$", examples: ["AAAA-BBBB-CCCC-DDDD"])
    static let email = string(format: "email", maxLength: 254, examples: ["rgonzalez@empresamuestra.com.mx"])
}

extension Schema {
    /// An object schema with every listed property required unless named in `optional`,
    /// and no other properties (so a result that grows a field fails validation until the
    /// schema says so).
    static func object(_ description: String? = nil, optional: Set<String> = [],
                       properties: [(String, JSON)]) -> JSON {
        var members = [JSONMember("type", .string("object"))]
        if let description { members.append(JSONMember("description", .string(description))) }
        members.append(JSONMember("properties", .object(properties.map { JSONMember($0.0, $0.1) })))
        let required = properties.map(\.0).filter { !optional.contains($0) }
        members.append(JSONMember("required", .array(required.map(JSON.string))))
        members.append(JSONMember("additionalProperties", .bool(false)))
        return .object(members)
    }

    static func described(_ description: String, _ schema: JSON) -> JSON {
        guard case .object(let members) = schema else { return schema }
        return .object([JSONMember("description", .string(description))] + members)
    }

    static func constant(_ value: String) -> JSON { object(("const", .string(value))) }

    static func strings(_ values: [String]) -> JSON { array(of: string(enumeration: values)) }
}
