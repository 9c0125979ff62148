import ContpaqiUpgradeService
import Foundation
import JSONRPC
import Testing

/// The document generated from the Codable types says what the hand-written one said
/// (issue 12): the contract does not move. `Fixtures/openrpc-before-codable.json` is
/// Schemas/openrpc.json as it was before; every schema is compared keyword by keyword after
/// the new document's `$ref`s are resolved. Descriptions are not compared: they are prose.
@Suite struct OpenRPCComparisonTests {
    static let before: JSON = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/openrpc-before-codable.json")
        return (try? JSONParser.parse(Array((try? Data(contentsOf: url)) ?? Data()))) ?? .null
    }()
    static let after: JSON = (try? JSONParser.parse(OpenRPCDocument.text)) ?? .null

    /// Keywords that carry the contract: names are compared through `properties`.
    static let keywords = ["type", "enum", "const", "pattern", "format", "required", "minimum", "maximum",
                           "minLength", "maxLength", "minItems", "maxItems", "additionalProperties", "examples"]

    @Test func theFixtureIsTheOldDocument() throws {
        let methods = try #require(Self.before["methods"]?.elements)
        #expect(methods.count == 5)
        #expect(Self.before["components"] == nil)  // written by hand, without shared schemas
    }

    @Test func methodsNamesParamsAndErrorsAreTheSame() throws {
        let old = try #require(Self.before["methods"]?.elements), new = try #require(Self.after["methods"]?.elements)
        #expect(old.map { $0["name"] } == new.map { $0["name"] })
        for (before, after) in zip(old, new) {
            let name = before["name"]?.text ?? ""
            #expect(before["paramStructure"] == after["paramStructure"], "\(name)")
            #expect(before["errors"] == after["errors"], "\(name)")
            let oldParams = before["params"]?.elements ?? [], newParams = after["params"]?.elements ?? []
            #expect(oldParams.map { $0["name"] } == newParams.map { $0["name"] }, "\(name)")
            #expect(oldParams.map { $0["required"] } == newParams.map { $0["required"] }, "\(name)")
        }
    }

    @Test func everySchemaSaysTheSameKeywordForKeyword() throws {
        let old = try #require(Self.before["methods"]?.elements), new = try #require(Self.after["methods"]?.elements)
        var differences: [String] = []
        for (before, after) in zip(old, new) {
            let name = before["name"]?.text ?? ""
            for (oldParam, newParam) in zip(before["params"]?.elements ?? [], after["params"]?.elements ?? []) {
                compare(oldParam["schema"] ?? .null, newParam["schema"] ?? .null, at: "\(name) \(oldParam["name"]?.text ?? "")", &differences)
            }
            compare(before["result"]?["schema"] ?? .null, after["result"]?["schema"] ?? .null, at: "\(name) result", &differences)
        }
        #expect(differences == [])
    }

    /// The comparison itself notices a change: a pattern, a required member, an enum value.
    @Test func theComparisonSeesAChangedKeyword() throws {
        let result = try #require(Self.before["methods"]?[1]?["result"]?["schema"])
        guard case .object(var members) = result else { throw RPCError.internalError(reason: "schema") }
        members.removeAll { $0.key == "required" }
        var differences: [String] = []
        compare(result, .object(members), at: "checkEligibility result", &differences)
        #expect(differences.count == 1)
        differences = []
        let date = try #require(Self.before["methods"]?[1]?["params"]?[0]?["schema"])
        compare(date, .object([JSONMember("type", "string")]), at: "purchaseDate", &differences)
        #expect(differences.count == 3)  // pattern, format, examples
    }

    @Test func theExamplesAndTheirResultsAreTheSame() throws {
        let old = try #require(Self.before["methods"]?.elements), new = try #require(Self.after["methods"]?.elements)
        for (before, after) in zip(old, new) {
            #expect(before["examples"] == after["examples"], "\(before["name"]?.text ?? "")")
        }
    }

    @Test func sharedTypesAreReferencedFromComponents() throws {
        let schemas = try #require(Self.after["components"]?["schemas"])
        for name in ["CalendarDate", "SerialNumber", "SerialNumberInput", "SystemType", "SystemTypeInput", "Money",
                     "EmailAddress", "RequestKeysSystem", "RequestKeysSystemInput"] {
            #expect(schemas[name] != nil, "\(name)")
        }
        let checkEligibility = try #require(Self.after["methods"]?.elements?.first { $0["name"]?.text == "checkEligibility" })
        #expect(checkEligibility["params"]?[0]?["schema"] == .object([JSONMember("$ref", .string("#/components/schemas/CalendarDate"))]))
    }

    /// `schema` with its `$ref` replaced by the component (the reference's own members, a
    /// description, kept on top).
    private func resolved(_ schema: JSON) -> JSON {
        guard case .object(let members) = schema, case .string(let reference)? = schema["$ref"] else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        guard case .object(let target)? = Self.after["components"]?["schemas"]?[name] else { return .null }
        return resolved(.object(target + members.filter { $0.key != "$ref" }))
    }

    private func compare(_ before: JSON, _ after: JSON, at path: String, _ differences: inout [String]) {
        let after = resolved(after)
        for keyword in Self.keywords where before[keyword] != after[keyword] {
            differences.append("\(path): \(keyword) \(before[keyword]?.description ?? "-") → \(after[keyword]?.description ?? "-")")
        }
        let oldProperties = before["properties"]?.keys ?? [], newProperties = after["properties"]?.keys ?? []
        if oldProperties != newProperties { differences.append("\(path): properties \(oldProperties) → \(newProperties)") }
        for name in oldProperties where newProperties.contains(name) {
            compare(before["properties"]?[name] ?? .null, after["properties"]?[name] ?? .null, at: "\(path)/\(name)", &differences)
        }
        if before["items"] != nil || after["items"] != nil {
            compare(before["items"] ?? .null, after["items"] ?? .null, at: "\(path)/items", &differences)
        }
        let oldAlternatives = before["anyOf"]?.elements ?? [], newAlternatives = after["anyOf"]?.elements ?? []
        if oldAlternatives.count != newAlternatives.count { differences.append("\(path): anyOf count") }
        for (index, (old, new)) in zip(oldAlternatives, newAlternatives).enumerated() {
            compare(old, new, at: "\(path)/anyOf/\(index)", &differences)
        }
    }
}
