import ContpaqiUpgradeAPI
import ContpaqiUpgradeClient
import Foundation
import Testing

/// The real server: CONTPAQI_UPGRADE_BIN, else the release build of this checkout. The
/// tests fail (not skip) without it: they exist to run against it.
enum ServerBinary {
    static let path: String = {
        if let path = ProcessInfo.processInfo.environment["CONTPAQI_UPGRADE_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/release/contpaqi-upgrade").path
    }()

    static func require() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "no server binary at \(path): run `swift build -c release` or set CONTPAQI_UPGRADE_BIN")
        }
        return path
    }

    struct Missing: Error, CustomStringConvertible { let description: String }
}

/// A fresh path for a Unix socket, short enough for `sun_path`.
func temporarySocketPath() -> String {
    "/tmp/cuc-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
}

/// The two ways to reach the server.
enum Transport: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case stdio, socket
    var testDescription: String { rawValue }
}

/// `body` with a client of the real server over `transport`: a spawned `serve --stdio`, or
/// a `serve --socket` server this starts and stops around it.
func withClient<T>(_ transport: Transport, framing: Framing = .ndjson, timeout: Duration = .seconds(20),
                   serverOptions: [String] = [], maxAnswerBytes: Int = Client.defaultMaxAnswerBytes,
                   _ body: (Client, _ serverPID: Int32) async throws -> T) async throws -> T {
    let binary = try ServerBinary.require()
    switch transport {
    case .stdio:
        let client = try Client(executablePath: binary, arguments: ["serve", "--stdio", "--log-level", "warn"] + serverOptions,
                                framing: framing, timeout: timeout, maxAnswerBytes: maxAnswerBytes)
        let pid = try #require(client.processIdentifier)
        do {
            let result = try await body(client, pid)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    case .socket:
        let server = try SocketServer(binary: binary, options: serverOptions)
        defer { server.stop() }
        let client = try await server.connect(framing: framing, timeout: timeout, maxAnswerBytes: maxAnswerBytes)
        do {
            let result = try await body(client, server.pid)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}

/// `contpaqi-upgrade serve --socket` on a temporary path, for one test. Spawned directly
/// rather than through Foundation's `Process`, whose `run()` leaks a weak reference that
/// the address sanitizer's leak check reports.
final class SocketServer {
    let path = temporarySocketPath()
    let pid: pid_t
    private var reaped = false

    init(binary: String, options: [String] = []) throws {
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary, "serve", "--socket", path, "--log-level", "warn"] + options).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, binary, nil, nil, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        self.pid = pid
    }

    /// A client, once the server accepts: it binds its socket a few milliseconds after it
    /// starts, and says so on no channel a test can wait on without a log parser.
    func connect(framing: Framing = .ndjson, timeout: Duration = .seconds(20),
                 maxAnswerBytes: Int = Client.defaultMaxAnswerBytes) async throws -> Client {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                return try Client(socketPath: path, framing: framing, timeout: timeout, maxAnswerBytes: maxAnswerBytes)
            } catch ClientError.cannotConnect where ContinuousClock.now < deadline && isRunning {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    private var isRunning: Bool {
        var status: Int32 = 0
        if !reaped && waitpid(pid, &status, WNOHANG) == pid { reaped = true }
        return !reaped
    }

    /// SIGKILL: it cannot be blocked, whatever signal mask the server inherited from the
    /// test thread that spawned it.
    func stop() {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            reaped = true
        }
        unlink(path)
    }
}

/// What `body` takes, run once: for checks that something happened promptly.
func elapsed(_ body: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await body()
    return ContinuousClock.now - start
}

extension CalendarDate {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
}
