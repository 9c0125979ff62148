import ContpaqiUpgradeAPI
import ContpaqiUpgradeService
import JSONRPC
import RPCCoding
import Testing

/// The results written by hand (or copied from an encoding made once) are byte for byte
/// what their `Encodable` conformance writes through the server's encoder (issue 12).
@Suite struct HandTunedWriterTests {
    let handler = CheckEligibilityHandler(clock: .fixed(OffsetDateTime(rfc3339: "2026-01-15T10:00:00-06:00")!))

    private func byHand(_ result: CheckEligibility.Result) -> [UInt8] {
        var writer = JSONWriter()
        handler.write(result, to: &writer)
        return writer.bytes
    }

    private func byCodable<T: Encodable>(_ result: T) -> [UInt8] {
        var writer = JSONWriter()
        ResultEncoder.write(result, to: &writer)
        return writer.bytes
    }

    /// What the handler answers for `params`, typed.
    private func answer(_ params: JSON) throws -> CheckEligibility.Result {
        guard case .object(let members) = params else { throw RPCError.internalError(reason: "params") }
        let (decoded, problems) = ParamsDecoder.decode(CheckEligibility.Params.self, from: members, checks: handler.valueChecks)
        #expect(problems.isEmpty)
        return try handler.call(decoded)
    }

    @Test func everyExampleIsWrittenAsItsCodableEncoding() throws {
        for example in CheckEligibilityHandler.examples {
            let result = try answer(example.params)
            #expect(byHand(result) == byCodable(result), "\(example.name)")
        }
    }

    @Test func realAnswersForThousandsOfParams() throws {
        var random = SeededGenerator(seed: 12)
        for _ in 0..<2000 {
            // Purchase dates from June 2011 to January 2012, all before the handler's today.
            var members = [JSONMember("purchaseDate", .string(random.purchaseDate().description))]
            if random.chance(50) { members.append(JSONMember("systemType", .string(random.systemTypeAsTyped().name))) }
            if random.chance(50) { members.append(JSONMember("serialNumber", .string(random.serial().value.lowercased()))) }
            if random.chance(50) { members.append(JSONMember("hasActiveSupportPolicy", .bool(random.chance(50)))) }
            let result = try answer(.object(members))
            #expect(byHand(result) == byCodable(result))
        }
    }

    /// Any value of the type, not only those the service makes: the hand-written paths for
    /// other cutoffs, addresses and installations must fall back to the same bytes.
    @Test func arbitraryResults() throws {
        var random = SeededGenerator(seed: 2012)
        let standard = try answer(.object([JSONMember("purchaseDate", "2011-08-15")]))
        for index in 0..<5000 {
            let options = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                CheckEligibility.InstallationOption(option: random.pick(CheckEligibility.Option.allCases), description: random.text(),
                                                    quoteMethod: random.text(), plans: (0..<Int.random(in: 0...4, using: &random)).map { _ in random.pick(SupportPlan.allCases) })
            }
            let result = CheckEligibility.Result(
                eligible: random.chance(50),
                purchaseDate: random.date(),
                cutoffDate: random.chance(80) ? standard.cutoffDate : random.date(),
                targetVersion: random.chance(80) ? standard.targetVersion : random.text(),
                reason: random.text(),
                systemType: random.chance(50) ? SystemType(random.text()) : nil,
                serialNumber: random.chance(50) ? random.serial() : nil,
                keyRequest: random.chance(30) ? nil : random.chance(50) ? standard.keyRequest
                    : CheckEligibility.KeyRequest(to: EmailAddress("x\(index)@b.mx")!, subject: random.text()),
                installation: random.chance(60) ? standard.installation
                    : CheckEligibility.Installation(includedInPolicy: random.chance(50), phone: random.text(), options: options))
            #expect(byHand(result) == byCodable(result))
        }
    }

    @Test func theCatalogAndTheDocumentAreTheirCodableEncodings() throws {
        let catalog = try GetCatalogHandler().call(NoParams())
        var copied = JSONWriter()
        GetCatalogHandler().write(catalog, to: &copied)
        #expect(copied.bytes == byCodable(catalog))
        let document = try DiscoverHandler().call(NoParams())
        var written = JSONWriter()
        DiscoverHandler().write(document, to: &written)
        #expect(written.bytes == byCodable(document))
        #expect(try JSONParser.parse(written.bytes) == OpenRPCDocument.document)
    }
}
