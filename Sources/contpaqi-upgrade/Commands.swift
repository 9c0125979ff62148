#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ContpaqiUpgradeService
import JSONRPC
import RPCTransport

/// `call`: one request, in-process or over --socket. Result on stdout (0), the RPC error
/// object on stderr (1); no usable answer from the server (3), said in one line on stderr.
enum CallCommand {
    /// Fixed: one request per connection, so any other id is not an answer to it.
    private static let id = JSON.number("1")

    static func run(_ call: CallRequest) -> Int32 {
        var request = JSONWriter()
        request.beginObject()
        request.field("jsonrpc", "2.0")
        request.field("id", id)
        request.field("method", call.method)
        if let params = call.params { request.field("params", params) }
        request.endObject()

        guard let socket = call.socket else {
            var out = JSONWriter()
            _ = ContpaqiUpgradeService.dispatcher().respond(to: request.bytes, into: &out)
            return report(out.bytes, from: nil)
        }
        switch SocketClient.exchange(path: socket, request: request.bytes, timeout: call.timeout) {
        case .success(let bytes):
            return report(bytes, from: socket)
        case .failure(let failure):
            printError("contpaqi-upgrade: \(describe(failure, socket: socket, timeout: call.timeout))")
            return 3
        }
    }

    private static func report(_ response: [UInt8], from socket: String?) -> Int32 {
        let server = socket.map { "the server at \($0)" } ?? "the service"
        guard let json = try? JSONParser.parse(response) else {
            printError("contpaqi-upgrade: \(server) answered something that is not JSON")
            return 3
        }
        // A null id is the server saying it could not read the request (over its
        // --max-message-bytes, say): still the answer to this one, as an error.
        let answered = json["id"]
        let isOurs = answered == id || (answered == .null && json["error"] != nil)
        guard isOurs else {
            let shown = answered.map { abbreviated($0.description) } ?? "none"
            printError("contpaqi-upgrade: \(server) answered id \(shown), not the request's id 1")
            return 3
        }
        if let result = json["result"] {
            printLine(result.description, to: 1)
            return 0
        }
        printLine((json["error"] ?? json).description, to: 2)
        return 1
    }

    private static func describe(_ failure: SocketClient.Failure, socket: String, timeout: Double) -> String {
        let seconds = timeout < 1e9 && timeout.rounded() == timeout ? String(Int(timeout)) : String(timeout)
        switch failure {
        case .unreachable(let reason), .broken(let reason):
            return "cannot reach the server at \(socket): \(reason)"
        case .notAccepted:
            return "the server at \(socket) did not accept the connection within \(seconds) s (--timeout)"
        case .timedOut:
            return "no answer from the server at \(socket) within \(seconds) s (--timeout)"
        case .tooLarge:
            return "the server at \(socket) sent an answer over \(SocketClient.maxAnswerBytes >> 20) MiB; stopped reading it"
        case .closedWithoutAnswer:
            return "cannot reach the server at \(socket): the connection closed without an answer"
        }
    }

    /// Keeps the message one short line whatever id a broken server sends.
    private static func abbreviated(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}

func printLine(_ text: String, to fd: Int32) {
    var bytes = Array(text.utf8)
    bytes.append(0x0A)
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let count = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if count <= 0 { if count < 0 && errno == EINTR { continue }; return }
            offset += count
        }
    }
}

func printError(_ text: String) { printLine(text, to: 2) }
