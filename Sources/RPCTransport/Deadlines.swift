#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Nanoseconds of CLOCK_MONOTONIC. A loop reads it once per wake-up and stamps everything of
/// that pass with the value, so timing a connection costs stores, never a syscall per request
/// (and the vDSO makes even the one read a function call, not a trap).
enum MonotonicClock {
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// The three connection timeouts (API.md §1), in nanoseconds, and how often a loop looks
/// for connections past them.
/// Public for the tests, like the other pure parts of the transport.
public struct Deadlines: Sendable {
    public let idle: Int64
    public let read: Int64
    public let write: Int64
    /// A connection is closed between its deadline and one interval later: an eighth of the
    /// shortest timeout keeps that under 13 % late, and at most a second keeps a loop with
    /// connections from waking more than once a second for nothing.
    public let sweepInterval: Int64

    static let minimumSweep: Int64 = 10_000_000
    static let maximumSweep: Int64 = 1_000_000_000

    public init(idleSeconds: Double, readSeconds: Double, writeSeconds: Double) {
        idle = Deadlines.nanoseconds(idleSeconds)
        read = Deadlines.nanoseconds(readSeconds)
        write = Deadlines.nanoseconds(writeSeconds)
        sweepInterval = min(max(min(idle, read, write) / 8, Deadlines.minimumSweep), Deadlines.maximumSweep)
    }

    init(_ options: SocketServer.Options) {
        self.init(idleSeconds: options.idleTimeout, readSeconds: options.readTimeout, writeSeconds: options.writeTimeout)
    }

    /// The command line only lets positive, finite values through; this keeps any other
    /// caller from trapping: NaN or ≤ 0 becomes a millisecond, and a billion seconds
    /// (31 years) is as good as never.
    static func nanoseconds(_ seconds: Double) -> Int64 {
        guard seconds > 0.001 else { return 1_000_000 }
        return Int64(min(seconds, 1e9) * 1e9)
    }
}
