import ContpaqiUpgradeAPI
import ContpaqiUpgradeClient
import Testing

/// Many calls at once on one connection, each answer to its own caller.
@Suite(.timeLimit(.minutes(1)))
struct PipeliningTests {
    /// 200 concurrent calls, each with its own serial; each result must echo that serial.
    @Test(arguments: Transport.allCases, [Framing.ndjson, .contentLength])
    func twoHundredConcurrentCalls(transport: Transport, framing: Framing) async throws {
        try await withClient(transport, framing: framing) { client, _ in
            try await withThrowingTaskGroup(of: (Int, CheckEligibility.Result).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let params = CheckEligibility.Params(purchaseDate: .day(2011, 6 + index % 2, 15),
                                                             serialNumber: Self.serial(index))
                        return (index, try await client.call(CheckEligibility.self, params))
                    }
                }
                var seen = Set<Int>()
                for try await (index, result) in group {
                    #expect(result.serialNumber == Self.serial(index))
                    #expect(result.eligible == (index % 2 == 1), "call \(index) got another call's answer")
                    seen.insert(index)
                }
                #expect(seen.count == 200)
            }
            #expect(client.pendingCalls == 0)
        }
    }

    /// The real server answers in request order; a server may not. This one answers ten
    /// pipelined calls in reverse.
    @Test func answersInAnyOrder() async throws {
        let server = try FakeServer { connection in
            var requests: [(id: Int, value: Int)] = []
            while requests.count < 10, let request = connection.readRequest() { requests.append(request) }
            for request in requests.reversed() { connection.answer(id: request.id, value: request.value * 10) }
            connection.drain()
        }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .seconds(10))
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for value in 0..<10 {
                group.addTask { (value, try await client.call(Echo.self, .init(value: value)).value) }
            }
            for try await (value, answered) in group { #expect(answered == value * 10) }
        }
        await client.close()
    }

    static func serial(_ index: Int) -> SerialNumber {
        SerialNumber("AAAA-BBBB-CCCC-" + String(1000 + index))!
    }
}
