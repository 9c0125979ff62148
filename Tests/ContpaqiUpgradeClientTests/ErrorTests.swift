import ContpaqiUpgradeAPI
import ContpaqiUpgradeClient
import Testing

/// The server's errors arrive as `RPCError`, with `data` typed.
@Suite(.timeLimit(.minutes(1)))
struct ErrorTests {
    @Test func futurePurchaseDate() async throws {
        try await withClient(.stdio) { client, _ in
            let error = try await #require(throws: RPCError.self) {
                try await client.call(CheckEligibility.self, .init(purchaseDate: .day(2999, 1, 1)))
            }
            #expect(error.code == RPCError.Code.invalidParams)
            #expect(error.message == "Invalid params")
            #expect(error.fieldErrors.count == 1)
            #expect(error.fieldErrors.first?.path == "/purchaseDate")
            #expect(error.fieldErrors.first?.code == .outOfRange)
            #expect(error.fieldErrors.first?.message.isEmpty == false)
            #expect(!error.truncated)
        }
    }

    /// Params the API types would refuse to build, sent through a method declared with
    /// plain strings: every problem comes back, in params order.
    @Test func everyProblemInParamsOrder() async throws {
        try await withClient(.stdio) { client, _ in
            let error = try await #require(throws: RPCError.self) {
                try await client.call(LooseCheckEligibility.self, .init(purchaseDate: "2011-02-30", systemType: "x", serialNumber: "bad"))
            }
            #expect(error.code == -32602)
            #expect(error.fieldErrors.map(\.path) == ["/purchaseDate", "/systemType", "/serialNumber"])
            #expect(error.fieldErrors.map(\.code) == [.invalidDate, .unknownSystemType, .invalidSerial])
        }
    }

    @Test func notEligible() async throws {
        try await withClient(.stdio) { client, _ in
            let error = try await #require(throws: RPCError.self) {
                try await client.call(RequestKeys.self, .init(
                    company: BoundedText("Empresa")!, contactName: BoundedText("Contacto")!,
                    contactEmail: EmailAddress("contacto@example.com")!,
                    systems: BoundedList([RequestKeys.System(systemType: SystemType("nominas"), serialNumber: SerialNumber("AAAA-BBBB-CCCC-DDDD")!,
                                                             purchaseDate: .day(2011, 6, 30))])!))
            }
            #expect(error.code == RPCError.Code.notEligible)
            #expect(error.fieldErrors.map(\.path) == ["/systems/0/purchaseDate"])
            #expect(error.fieldErrors.map(\.code) == [.notEligible])
        }
    }

    /// 300 problems: a server with the errors cap (API.md) lists 100 and says there were
    /// more; one from before the cap lists all 300 and does not.
    @Test func manyErrors() async throws {
        try await withClient(.stdio) { client, _ in
            let systems = (0..<150).map { _ in LooseRequestKeys.System(systemType: "nope", serialNumber: "bad") }
            let error = try await #require(throws: RPCError.self) {
                try await client.call(LooseRequestKeys.self, .init(company: "Empresa", contactName: "Contacto",
                                                                   contactEmail: "contacto@example.com", systems: systems))
            }
            #expect(error.code == RPCError.Code.invalidParams)
            #expect(error.fieldErrors.first?.path == "/systems/0/systemType")
            #expect((error.fieldErrors.count, error.truncated) == (100, true) || (error.fieldErrors.count, error.truncated) == (300, false))
        }
    }

    /// Every member of `data` the contract defines, exactly as sent, codes the client does
    /// not know included; and a `data` of another shape still gives the code and message.
    @Test func errorDataDecoded() async throws {
        let server = try FakeServer { connection in
            guard let first = connection.readRequest() else { return }
            connection.write(#"{"jsonrpc":"2.0","id":\#(first.id),"error":{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"/a/0","code":"REQUIRED","message":"falta"},{"path":"","code":"SOME_NEW_CODE","message":"nuevo"}],"truncated":true}}}"# + "\n")
            guard let second = connection.readRequest() else { return }
            connection.write(#"{"jsonrpc":"2.0","id":\#(second.id),"error":{"code":-32000,"message":"Other","data":"free text"}}"# + "\n")
            connection.drain()
        }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .seconds(10))
        await #expect(throws: RPCError(code: -32602, message: "Invalid params", fieldErrors: [
            FieldError(path: "/a/0", code: .required, message: "falta"),
            FieldError(path: "", code: ErrorCode(rawValue: "SOME_NEW_CODE"), message: "nuevo"),
        ], truncated: true)) { try await client.call(Echo.self, .init(value: 1)) }
        await #expect(throws: RPCError(code: -32000, message: "Other")) { try await client.call(Echo.self, .init(value: 2)) }
        await client.close()
    }

    @Test func methodNotFound() async throws {
        try await withClient(.stdio) { client, _ in
            let error = try await #require(throws: RPCError.self) { try await client.call(NoSuchMethod.self) }
            #expect(error.code == RPCError.Code.methodNotFound)
            #expect(error.method == "noSuchMethod")
        }
    }

    /// A request over the server's `--max-message-bytes` is answered with `"id": null`: it
    /// goes to that request's caller (the server answers in order), not to a neighbour, and
    /// not nowhere (a hang until the timeout).
    @Test(arguments: Transport.allCases, [Framing.ndjson, .contentLength])
    func oversizedRequestAmongOthers(transport: Transport, framing: Framing) async throws {
        try await withClient(transport, framing: framing, timeout: .seconds(10), serverOptions: ["--max-message-bytes", "1024"]) { client, _ in
            let big = String(repeating: "a", count: 2000)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        if index % 3 == 1 {
                            let error = try await #require(throws: RPCError.self) {
                                try await client.call(LooseCheckEligibility.self, .init(purchaseDate: "2011-08-15", systemType: big))
                            }
                            #expect(error.code == RPCError.Code.invalidRequest)
                            #expect(error.reason != nil)
                        } else {
                            let result = try await client.call(CheckEligibility.self, .init(purchaseDate: .day(2011, 8, 15),
                                                                                             serialNumber: PipeliningTests.serial(index)))
                            #expect(result.serialNumber == PipeliningTests.serial(index))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}

/// `checkEligibility` with its params as plain text, to send what `CheckEligibility.Params`
/// cannot hold.
enum LooseCheckEligibility: RPCMethod {
    static let name = CheckEligibility.name
    struct Params: Codable, Hashable, Sendable {
        var purchaseDate: String
        var systemType: String?
        var serialNumber: String?
    }
    typealias Result = CheckEligibility.Result
}

/// `requestKeys` with its params as plain text.
enum LooseRequestKeys: RPCMethod {
    static let name = RequestKeys.name
    struct Params: Codable, Hashable, Sendable {
        var company: String
        var contactName: String
        var contactEmail: String
        var systems: [System]
    }
    struct System: Codable, Hashable, Sendable {
        var systemType: String
        var serialNumber: String
    }
    typealias Result = RequestKeys.Result
}

enum NoSuchMethod: RPCMethod {
    static let name = "noSuchMethod"
    typealias Params = NoParams
    typealias Result = NoParams
}
