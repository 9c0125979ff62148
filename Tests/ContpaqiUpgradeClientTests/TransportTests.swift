import ContpaqiUpgradeAPI
import ContpaqiUpgradeClient
import Testing

/// Every method through the real server, over both transports and both framings: the
/// answers decode into the API types with the values the contract gives.
@Suite(.timeLimit(.minutes(1)))
struct TransportTests {
    static let framings: [Framing] = [.ndjson, .contentLength]

    @Test(arguments: Transport.allCases, framings)
    func everyMethod(transport: Transport, framing: Framing) async throws {
        try await withClient(transport, framing: framing) { client, _ in
            let eligibility = try await client.call(CheckEligibility.self, .init(
                purchaseDate: .day(2011, 8, 15), systemType: SystemType("nominas"),
                serialNumber: SerialNumber("aaaa-bbbb-cccc-dddd")))
            #expect(eligibility.eligible)
            #expect(eligibility.cutoffDate == .day(2011, 7, 1))
            #expect(eligibility.systemType == SystemType("CONTPAQ i Nóminas"))
            #expect(eligibility.serialNumber?.value == "AAAA-BBBB-CCCC-DDDD")
            #expect(eligibility.keyRequest != nil)

            let catalog = try await client.call(GetCatalog.self)
            #expect(catalog.targetVersion == "2012")
            #expect(catalog.systemTypes.contains(SystemType("CONTPAQ i Nóminas")))

            let quote = try await client.call(QuoteSupport.self, .init(plan: .annual, systems: Bounded(2), date: .day(2012, 1, 10)))
            #expect(quote.total == Money("12064.00"))
            #expect(quote.discount?.percent == "20")

            let keys = try await client.call(RequestKeys.self, .init(
                company: BoundedText("Empresa de muestra, S.A. de C.V.")!, contactName: BoundedText("Raul Gonzalez Rivera")!,
                contactEmail: EmailAddress("rgonzalez@empresamuestra.com.mx")!,
                systems: BoundedList([
                    RequestKeys.System(systemType: SystemType("Factura electrónica"), serialNumber: SerialNumber("AAAA-BBBB-CCCC-DDDD")!),
                    RequestKeys.System(systemType: SystemType("Nóminas"), serialNumber: SerialNumber("AAAA-BBBB-CCCC-FFFF")!),
                ])!))
            #expect(keys.systems.count == 2)
            #expect(keys.attachment?.mediaType == RequestKeys.Attachment.workbookMediaType)
            #expect(keys.message.contains("\r\n"))
        }
    }

    /// A `Content-Length` answer split across reads, down to one byte per read, and a
    /// header the client must skip.
    @Test func contentLengthAnswerInPieces() async throws {
        let body = #"{"jsonrpc":"2.0","id":1,"result":{"value":7}}"#
        let server = try FakeServer { connection in
            var header: [UInt8] = []
            while let line = connection.readLine(), line != [13] { header += line }
            // The request's own framing, read back: the client wrote Content-Length.
            guard String(decoding: header, as: UTF8.self).hasPrefix("Content-Length: ") else { return }
            let answer = Array("content-type: application/json\r\nCONTENT-LENGTH: \(body.utf8.count)\r\n\r\n\(body)".utf8)
            for byte in answer { connection.write([byte]) }
            connection.drain()
        }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, framing: .contentLength, timeout: .seconds(10))
        #expect(try await client.call(Echo.self, .init(value: 7)) == .init(value: 7))
        await client.close()
    }
}
