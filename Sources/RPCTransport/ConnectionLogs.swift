/// The log lines about connections that one client, or a flood of them, can cause: each
/// at most once a second, with its count (ThrottledLog).
struct ConnectionLogs: Sendable {
    let refusedOverMax: ThrottledLog
    let refusedNoDescriptors: ThrottledLog
    let evicted: ThrottledLog
    let idleClosed: ThrottledLog
    let readTimedOut: ThrottledLog
    let writeTimedOut: ThrottledLog

    init(logger: Logger, options: SocketServer.Options) {
        let max = (name: "max", value: String(options.maxConnections))
        refusedOverMax = ThrottledLog(logger, .warn, field: max) {
            "refused \(connections($0)) in the last second: over --max-connections and none idle"
        }
        refusedNoDescriptors = ThrottledLog(logger, .warn) {
            "refused \(connections($0)) in the last second: out of file descriptors"
        }
        evicted = ThrottledLog(logger, .info, field: max) {
            "closed \(connections($0)) idle longest in the last second to admit new ones (--max-connections)"
        }
        idleClosed = ThrottledLog(logger, .info, field: (name: "seconds", value: seconds(options.idleTimeout))) {
            "closed \(connections($0)) in the last second: idle for --idle-timeout"
        }
        readTimedOut = ThrottledLog(logger, .warn, field: (name: "seconds", value: seconds(options.readTimeout))) {
            "closed \(connections($0)) in the last second: a message not complete within --read-timeout"
        }
        writeTimedOut = ThrottledLog(logger, .warn, field: (name: "seconds", value: seconds(options.writeTimeout))) {
            "closed \(connections($0)) in the last second: answers not read for --write-timeout"
        }
    }

    /// Whether a count still waits for its report: a loop must not sleep without a deadline then.
    var isHolding: Bool {
        refusedOverMax.isHolding || refusedNoDescriptors.isHolding || evicted.isHolding
            || idleClosed.isHolding || readTimedOut.isHolding || writeTimedOut.isHolding
    }

    /// At exit: whatever is held, due or not, so no count is lost with the process.
    func flushAll() { flush(at: .max) }

    func flush(at now: Int64) {
        refusedOverMax.flush(at: now)
        refusedNoDescriptors.flush(at: now)
        evicted.flush(at: now)
        idleClosed.flush(at: now)
        readTimedOut.flush(at: now)
        writeTimedOut.flush(at: now)
    }
}

private func connections(_ count: Int) -> String {
    count == 1 ? "1 connection" : "\(count) connections"
}

private func seconds(_ value: Double) -> String {
    value.rounded() == value && value < 1e15 ? String(Int(value)) : String(value)
}
