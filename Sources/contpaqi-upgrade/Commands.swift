#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ContpaqiUpgradeService
import JSONRPC
import RPCTransport

/// `call`: one request, in-process or over --socket. Result on stdout (0), the RPC error
/// object on stderr (1), unreachable server (3).
enum CallCommand {
    static func run(socket: String?, method: String, params: String?) -> Int32 {
        var request = JSONWriter()
        request.beginObject()
        request.field("jsonrpc", "2.0")
        request.field("id", 1)
        request.field("method", method)
        if let params {
            do {
                let json = try JSONParser.parse(params)
                request.field("params", json)
            } catch {
                printError("contpaqi-upgrade: PARAMS_JSON is not valid JSON: \(error.reason)")
                return 2
            }
        }
        request.endObject()

        let response: [UInt8]
        if let socket {
            switch SocketClient.exchange(path: socket, request: request.bytes) {
            case .success(let bytes): response = bytes
            case .failure(let error):
                printError("contpaqi-upgrade: cannot reach the server at \(socket): \(error.reason)")
                return 3
            }
        } else {
            var out = JSONWriter()
            _ = ContpaqiUpgradeService.dispatcher().respond(to: request.bytes, into: &out)
            response = out.bytes
        }
        return report(response)
    }

    private static func report(_ response: [UInt8]) -> Int32 {
        guard let json = try? JSONParser.parse(response) else {
            printError("contpaqi-upgrade: the server's answer is not JSON")
            return 3
        }
        if let result = json["result"] {
            printLine(result.description, to: 1)
            return 0
        }
        printLine((json["error"] ?? json).description, to: 2)
        return 1
    }
}

/// Sends one request line to a server and reads one response line.
enum SocketClient {
    struct Failure: Error { let reason: String }

    static func exchange(path: String, request: [UInt8]) -> Result<[UInt8], Failure> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return .failure(Failure(reason: "the path is too long for a Unix socket"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
        defer { close(fd) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
        signal(SIGPIPE, SIG_IGN)
        var line = request
        line.append(0x0A)
        let sent = line.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let count = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        guard sent else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return .failure(Failure(reason: String(cString: strerror(errno)))) }
            if count == 0 { break }
            response.append(contentsOf: chunk[0..<count])
            if chunk[count - 1] == 0x0A { break }  // one answer per line
        }
        guard !response.isEmpty else { return .failure(Failure(reason: "the connection closed without an answer")) }
        return .success(response)
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
