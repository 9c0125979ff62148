#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import JSONRPC

/// Logs to stderr, one line per event, never to stdout (stdout may be the JSON-RPC channel).
/// Each line is one `write(2)`, so lines from different threads never interleave.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case error, warn, info, debug
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
        public var name: String { String(describing: self) }
    }

    public enum Format: String, Sendable { case text, json }

    public let level: Level
    public let format: Format

    public init(level: Level = .info, format: Format = .text) {
        self.level = level
        self.format = format
    }

    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }
    public func warn(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warn, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }

    public func log(_ level: Level, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard level <= self.level else { return }
        var line: [UInt8]
        switch format {
        case .json:
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("time", Logger.timestamp())
            writer.field("level", level.name)
            writer.field("message", message)
            for (key, value) in fields { writer.field(key, value) }
            writer.endObject()
            line = writer.bytes
        case .text:
            var text = "\(Logger.timestamp()) \(level.name.uppercased()) \(message)"
            for (key, value) in fields { text += " \(key)=\(value)" }
            line = Array(text.utf8)
        }
        line.append(0x0A)
        line.withUnsafeBytes { _ = writeAll(2, $0) }
    }

    /// RFC 3339 UTC with milliseconds, without Foundation (its start-up cost is not worth a clock).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
