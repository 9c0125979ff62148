import Synchronization

/// When to report an event that may come thousands of times a second: the first one at
/// once, then at most once per interval, with the count since the last report.
///
/// Pure (the caller passes the time), so its timing is tested without sleeping.
public struct RateWindow: Equatable, Sendable {
    public let interval: Int64
    /// Events not reported yet.
    public private(set) var pending = 0
    private var nextReport = Int64.min

    public init(interval: Int64) {
        self.interval = interval
    }

    /// Counts `count` events; returns the count to report now, or nil to hold it.
    public mutating func record(_ count: Int = 1, at now: Int64) -> Int? {
        pending += count
        return due(at: now)
    }

    /// The held count, once its report is due; what a quiet period leaves behind.
    public mutating func due(at now: Int64) -> Int? {
        guard pending > 0, now >= nextReport else { return nil }
        defer { pending = 0 }
        let (next, overflow) = now.addingReportingOverflow(interval)
        nextReport = overflow ? .max : next
        return pending
    }
}

/// One log line for a per-connection event, at most once a second with its count: a flood
/// of connections (109,000 refusals a second) must not become a flood of log lines.
///
/// Shared by the loops; the lock is taken once per event, never on the request path.
final class ThrottledLog: Sendable {
    private let window = Mutex(RateWindow(interval: 1_000_000_000))
    /// Read without the lock by a loop deciding whether it may sleep with no deadline.
    private let holding = Atomic<Bool>(false)
    private let logger: Logger
    private let level: Logger.Level
    private let describe: @Sendable (Int) -> String
    private let field: (name: String, value: String)?

    /// `describe` turns the count into the message, e.g. "refused 5 connections in the last
    /// second"; the count also goes in a field of its own, with `field` beside it.
    init(_ logger: Logger, _ level: Logger.Level, field: (name: String, value: String)? = nil,
         _ describe: @escaping @Sendable (Int) -> String) {
        self.logger = logger
        self.level = level
        self.field = field
        self.describe = describe
    }

    var isHolding: Bool { holding.load(ordering: .relaxed) }

    func note(_ count: Int = 1, at now: Int64) {
        guard count > 0, level <= logger.level else { return }
        report(window.withLock { window in
            defer { holding.store(window.pending > 0, ordering: .relaxed) }
            return window.record(count, at: now)
        })
    }

    /// Reports what is held once it is due; the loops call it as they sweep.
    func flush(at now: Int64) {
        guard isHolding else { return }
        report(window.withLock { window in
            defer { holding.store(window.pending > 0, ordering: .relaxed) }
            return window.due(at: now)
        })
    }

    private func report(_ count: Int?) {
        guard let count else { return }
        if let field {
            logger.log(level, describe(count), ["count": String(count), field.name: field.value])
        } else {
            logger.log(level, describe(count), ["count": String(count)])
        }
    }
}
