import ContpaqiUpgradeService
import JSONRPC
import Testing

/// The OpenRPC document (issue 4): what rpc.discover serves, what `schema` prints, and that
/// its examples are what the service really answers.
@Suite struct OpenRPCDocumentTests {
    let service = Service()

    private var document: JSON { (try? JSONParser.parse(OpenRPCDocument.text)) ?? .null }

    @Test func rpcDiscoverServesTheSameDocumentAsTheSchemaCommand() throws {
        let discovered = try #require(service.result("rpc.discover"))
        #expect(discovered == document)
        #expect(OpenRPCDocument.text.hasSuffix("}\n"))
    }

    @Test func theDocumentDescribesEveryMethodByName() throws {
        #expect(document["openrpc"]?.text == "1.3.2")
        #expect(document["info"]?["title"]?.text == ContpaqiUpgradeService.title)
        #expect(document["info"]?["version"]?.text == ContpaqiUpgradeService.version)
        let methods = try #require(document["methods"]?.elements)
        #expect(methods.map { $0["name"]?.text } == ["getCatalog", "checkEligibility", "quoteSupport", "requestKeys", "rpc.discover"])
        #expect(methods.allSatisfy { $0["paramStructure"]?.text == "by-name" })
        #expect(methods.allSatisfy { $0["result"]?["schema"]?["type"]?.text == "object" })
        #expect(methods.allSatisfy { $0["errors"]?.elements?.contains { $0["code"] == .number("-32602") } == true })
        #expect(methods.filter { $0["name"]?.text != "rpc.discover" }.allSatisfy { ($0["examples"]?.elements?.count ?? 0) >= 1 })
        let requestKeys = try #require(methods.first { $0["name"]?.text == "requestKeys" })
        #expect(requestKeys["errors"]?.elements?.contains { $0["code"] == .number("-32001") } == true)
    }

    @Test func requiredParamsAreMarked() throws {
        let methods = try #require(document["methods"]?.elements)
        let required = Dictionary(uniqueKeysWithValues: methods.map { method in
            (method["name"]?.text ?? "", (method["params"]?.elements ?? []).filter { $0["required"]?.flag == true }.compactMap { $0["name"]?.text })
        })
        #expect(required["checkEligibility"] == ["purchaseDate"])
        #expect(required["quoteSupport"] == ["plan"])
        #expect(required["requestKeys"] == ["company", "contactName", "contactEmail", "systems"])
        #expect(required["getCatalog"] == [])
    }

    /// Every example, run through a dispatcher with the clock the document used, returns its
    /// documented result exactly, but for the Message-ID, which is random on every call.
    @Test func everyExampleIsWhatTheServiceAnswers() throws {
        let documented = Service(now: "2026-01-15T10:00:00-06:00")
        var count = 0
        for method in try #require(document["methods"]?.elements) {
            for example in method["examples"]?.elements ?? [] {
                let params = JSON.object((example["params"]?.elements ?? []).map { JSONMember($0["name"]?.text ?? "", $0["value"] ?? .null) })
                let answer = documented.result(method["name"]?.text ?? "", params.description)
                #expect(answer.map(maskingMessageID) == example["result"]?["value"].map(maskingMessageID),
                        "\(method["name"]?.text ?? "") / \(example["name"]?.text ?? "")")
                count += 1
            }
        }
        #expect(count >= 8)
    }

    private func maskingMessageID(_ result: JSON) -> JSON {
        guard case .object(let members) = result else { return result }
        return .object(members.map { $0.key == "message" ? JSONMember($0.key, .string(withoutMessageID($0.value.text ?? ""))) : $0 })
    }

    @Test func theDocumentedQuoteIsTheSourcesArithmetic() throws {
        let quote = try #require(document["methods"]?.elements?.first { $0["name"]?.text == "quoteSupport" })
        let first = try #require(quote["examples"]?[0]?["result"]?["value"])
        #expect(first["total"]?.text == "12064.00")
        #expect(first["discount"]?["amount"]?.text == "2600.00")
    }
}
