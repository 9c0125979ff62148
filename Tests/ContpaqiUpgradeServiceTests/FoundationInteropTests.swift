import ContpaqiUpgradeAPI
import ContpaqiUpgradeService
import Foundation
import JSONRPC
import RPCCoding
import Testing

/// Swift clients use Foundation's coders on the same types (issue 12): what the server
/// writes, `JSONDecoder` reads into `M.Result` and `JSONEncoder` writes back as the same JSON
/// value, explicit `null`s included; what `JSONEncoder` writes from `M.Params`, the server
/// takes with the same answer as from its own encoding of them.
@Suite struct FoundationInteropTests {
    /// Two services with the same Message-ID sequence, so two calls compare byte for byte.
    private func services() -> (Service, Service) {
        (Service(messageIDs: .seeded(7)), Service(messageIDs: .seeded(7)))
    }

    /// `json` with every object's members sorted: JSON values compare without order.
    private func sorted(_ json: JSON) -> JSON {
        switch json {
        case .object(let members): .object(members.map { JSONMember($0.key, sorted($0.value)) }.sorted { $0.key < $1.key })
        case .array(let elements): .array(elements.map(sorted))
        default: json
        }
    }

    /// The result survives Foundation's decoder and encoder as the same JSON value.
    private func roundTrips<M: RPCMethod>(_ method: M.Type, _ result: JSON, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let typed = try JSONDecoder().decode(M.Result.self, from: Data(result.description.utf8))
            let written = try JSONParser.parse(Array(try JSONEncoder().encode(typed)))
            #expect(sorted(written) == sorted(result), sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(M.name): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The server's answer to `params` as Foundation encodes them equals its answer to its
    /// own encoding of them.
    private func accepts<M: RPCMethod>(_ method: M.Type, _ params: M.Params, sourceLocation: SourceLocation = #_sourceLocation) -> JSON? {
        let (viaFoundation, viaServer) = services()
        let foundation = String(decoding: (try? JSONEncoder().encode(params)) ?? Data(), as: UTF8.self)
        var writer = JSONWriter()
        ResultEncoder.write(params, to: &writer)
        let answer = viaFoundation.respond(M.name, foundation)
        #expect(answer == viaServer.respond(M.name, writer.string), "\(foundation)", sourceLocation: sourceLocation)
        return answer["result"]
    }

    @Test func everyDocumentedExample() throws {
        let service = Service(now: "2026-01-15T10:00:00-06:00")
        for method in OpenRPCDocument.document["methods"]?.elements ?? [] {
            let name = method["name"]?.text ?? ""
            for example in method["examples"]?.elements ?? [] {
                let params = JSON.object((example["params"]?.elements ?? []).map { JSONMember($0["name"]?.text ?? "", $0["value"] ?? .null) })
                let result = try #require(service.result(name, params.description), "\(name)")
                switch name {
                case GetCatalog.name: roundTrips(GetCatalog.self, result)
                case CheckEligibility.name: roundTrips(CheckEligibility.self, result)
                case QuoteSupport.name: roundTrips(QuoteSupport.self, result)
                case RequestKeys.name: roundTrips(RequestKeys.self, result)
                default: Issue.record("no test for \(name)")
                }
            }
        }
    }

    @Test func generatedEligibility() throws {
        var random = SeededGenerator(seed: 1)
        for _ in 0..<500 {
            let params = CheckEligibility.Params(
                purchaseDate: random.purchaseDate(), systemType: random.chance(50) ? random.systemTypeAsTyped() : nil,
                serialNumber: random.chance(50) ? random.serial() : nil, hasActiveSupportPolicy: random.chance(30) ? nil : random.chance(50))
            let result = try #require(accepts(CheckEligibility.self, params))
            roundTrips(CheckEligibility.self, result)
        }
    }

    @Test func generatedQuotes() throws {
        var random = SeededGenerator(seed: 2)
        for _ in 0..<500 {
            let plan = random.pick(SupportPlan.allCases)
            let params = QuoteSupport.Params(
                plan: plan, systems: random.chance(50) ? Bounded(Int.random(in: 1...1000, using: &random)) : nil,
                users: plan == .perEvent || random.chance(30) ? Bounded(Int.random(in: 1...40, using: &random)) : nil,
                date: random.chance(70) ? random.date() : nil, ivaRate: random.chance(50) ? random.rate() : nil)
            let result = try #require(accepts(QuoteSupport.self, params))
            roundTrips(QuoteSupport.self, result)
        }
    }

    @Test func generatedKeyRequests() throws {
        var random = SeededGenerator(seed: 3)
        for index in 0..<60 {
            let systems = (0..<Int.random(in: 1...4, using: &random)).map { offset in
                RequestKeys.System(systemType: random.systemTypeAsTyped(), serialNumber: SerialNumber("AAAA-BBBB-\(1000 + index)-\(1000 + offset)")!,
                                   purchaseDate: random.chance(50) ? CalendarDate(year: 2011, month: 9, day: 1)! : nil)
            }
            let copies = BoundedList<EmailAddress, CopyCount>((0..<Int.random(in: 0...3, using: &random)).map { EmailAddress("c\($0)@empresa.mx")! })
            let params = RequestKeys.Params(
                company: BoundedText("Empresa \(random.text().filter { $0.isLetter })")!, contactName: BoundedText("Raúl Pérez")!,
                contactEmail: EmailAddress("r@empresa.mx")!, systems: BoundedList(systems)!,
                from: random.chance(30) ? EmailAddress("envios@otra.mx") : nil, cc: random.chance(50) ? copies : nil,
                bcc: random.chance(50) ? copies : nil,
                sentAt: random.chance(80) ? OffsetDateTime(unixTime: Int64.random(in: 1_300_000_000...1_330_000_000, using: &random),
                                                           utcOffsetMinutes: -360) : nil)
            let result = try #require(accepts(RequestKeys.self, params))
            roundTrips(RequestKeys.self, result)
        }
    }

    /// rpc.discover's document, a JSON value carried as it is, survives Foundation too.
    @Test func theDocument() throws {
        let result = try #require(Service().result("rpc.discover"))
        let typed = try JSONDecoder().decode(DocumentValue.self, from: Data(result.description.utf8))
        #expect(sorted(typed.json) == sorted(result))
        roundTrips(Discover.self, result)
    }

    @Test func theCatalog() throws {
        let result = try #require(accepts(GetCatalog.self, NoParams()))
        roundTrips(GetCatalog.self, result)
    }
}
