import ContpaqiUpgradeAPI
import Foundation
import Synchronization

/// A scripted stand-in for the server on a Unix socket, for what the real one never does:
/// stay silent, answer out of order or late, send too much or garbage. Each connection
/// runs `script` on a thread of its own.
final class FakeServer: Sendable {
    let path = temporarySocketPath()
    private let listener: Int32

    init(_ script: @escaping @Sendable (FakeConnection) -> Void) throws {
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        Thread {
            while true {
                // Glibc's module lacks accept4: a child spawned by another test in between
                // could inherit this descriptor, which only keeps a test connection open.
                let fd = accept(listener, nil, nil)
                if fd < 0 {
                    if errno == EINTR { continue }
                    close(listener)  // shut down by stop()
                    return
                }
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                Thread {
                    script(FakeConnection(fd: fd))
                }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))  // wakes accept()
        unlink(path)
    }
}

/// One accepted connection, used by its script's thread only.
final class FakeConnection: Sendable {
    private let fd: Int32
    private let pending = Mutex<[UInt8]>([])

    init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// The next line the client sent; nil at end of stream.
    func readLine() -> [UInt8]? {
        while true {
            if let line = pending.withLock({ bytes -> [UInt8]? in
                guard let newline = bytes.firstIndex(of: 10) else { return nil }
                defer { bytes.removeSubrange(...newline) }
                return Array(bytes[..<newline])
            }) { return line }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            pending.withLock { $0.append(contentsOf: chunk[..<count]) }
        }
    }

    /// The next request's id and `params.value` (the `Echo` method's).
    func readRequest() -> (id: Int, value: Int)? {
        guard let line = readLine(),
              let request = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let id = request["id"] as? Int else { return nil }
        let value = (request["params"] as? [String: Any])?["value"] as? Int ?? -1
        return (id, value)
    }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            offset += count
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// An `Echo` answer, one line.
    func answer(id: Int, value: Int) {
        write(#"{"jsonrpc":"2.0","id":\#(id),"result":{"value":\#(value)}}"# + "\n")
    }

    /// Reads until the client closes.
    func drain() { while readLine() != nil {} }
}

/// A method only the fake server has: answers its params.
enum Echo: RPCMethod {
    static let name = "echo"
    struct Params: Codable, Hashable, Sendable { var value: Int }
    typealias Result = Params
}
