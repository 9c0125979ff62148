import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding

// The methods the session tests serve: `say` answers with any size asked for, `ping` takes
// no params. One home, so the session and progressive-answer suites test the same table.

/// `say {text}` -> the text.
enum Say: RPCMethod {
    static let name = "say"

    struct Params: Codable, Hashable, Sendable {
        var text: String
    }

    typealias Result = String
}

struct SayHandler: MethodHandler {
    typealias Declaration = Say
    func call(_ params: Say.Params) throws(RPCError) -> String { params.text }
}

enum Ping: RPCMethod {
    static let name = "ping"
    typealias Params = NoParams
    typealias Result = String
}

struct PingHandler: MethodHandler {
    typealias Declaration = Ping
    func call(_ params: NoParams) throws(RPCError) -> String { "pong" }
}
