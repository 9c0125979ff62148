#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The loop's timers and its part in --max-connections: one sweep per interval for every
/// deadline, and eviction of the connection idle longest, across loops, through the
/// `IdleRegistry`.
extension EventLoop {
    /// epoll_wait's timeout: until the next sweep; forever only when there is nothing to time.
    func waitMilliseconds() -> Int32 {
        if connections.isEmpty && !config.state.logs.isHolding { return -1 }
        let left = nextSweep - now
        return left <= 0 ? 0 : Int32((left + 999_999) / 1_000_000)
    }

    /// Closes the connections past a deadline, and reports what the throttled logs hold.
    func sweep() {
        nextSweep = now + limits.sweepInterval
        var expired: [(Connection, ConnectionTimer.Expiry)] = []
        for connection in connections.values {
            if let expiry = connection.expiry(at: now, limits: limits) { expired.append((connection, expiry)) }
        }
        var idle = 0, read = 0, write = 0
        for (connection, expiry) in expired {
            close(connection)
            switch expiry {
            case .idle: idle += 1
            case .read: read += 1
            case .write: write += 1
            }
        }
        let logs = config.state.logs
        logs.idleClosed.note(idle, at: now)
        logs.readTimedOut.note(read, at: now)
        logs.writeTimedOut.note(write, at: now)
        logs.flush(at: now)
    }

    /// Tells the other loops whether `connection` is idle, and since when. Unchanged state
    /// costs a comparison; an idle stamp is renewed once per sweep interval at most, which is
    /// the precision of "idle longest".
    func publish(_ connection: Connection, at time: Int64? = nil) {
        let current = connection.published
        let wanted: UInt64
        if connection.isIdle {
            let now = time ?? self.now
            if current != IdleRegistry.busy && now - IdleRegistry.since(current) < limits.sweepInterval { return }
            wanted = IdleRegistry.idle(since: now, loop: index)
        } else {
            if current == IdleRegistry.busy { return }
            wanted = IdleRegistry.busy
        }
        if config.state.idle.publish(connection.fd, from: current, to: wanted) {
            connection.published = wanted
        } else {
            close(connection)  // another loop claimed it while it was idle: evicted
        }
    }

    /// Over --max-connections with the newcomer `fd` accepted and counted: closes the
    /// connection idle longest, in whichever loop owns it, and admits the newcomer; or,
    /// when none is idle, refuses the newcomer (closed at once). True when admitted.
    func makeRoom(refusing fd: Int32) -> Bool {
        let state = config.state
        // Counted out now either way: a victim's close does not count again (see `close`).
        state.connections.subtract(1, ordering: .relaxed)
        guard let victim = state.idle.claimLongestIdle(passingOver: EventLoop.hasInput) else {
            Glibc.close(fd)
            state.logs.refusedOverMax.note(at: now)
            return false
        }
        state.logs.evicted.note(at: now)
        if victim.loop == index {
            if let connection = connections[victim.fd] { close(connection) }
        } else {
            var one: UInt64 = 1
            _ = write(state.evictionWakes[victim.loop], &one, 8)
        }
        return true
    }

    /// Whether bytes wait unread on `fd`, which may be another loop's: a read-only question,
    /// harmless even if the number was closed and reused meanwhile (the claim itself is
    /// decided by the registry word, not by this).
    static func hasInput(_ fd: Int32) -> Bool {
        var waiting: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &waiting) == 0 && waiting > 0
    }

    /// Another loop claimed some of this loop's idle connections: close them now.
    func closeEvicted() {
        var count: UInt64 = 0
        _ = read(config.state.evictionWakes[index], &count, 8)
        let registry = config.state.idle
        let claimed = connections.values.filter { registry.isClaimed($0.fd) }
        for connection in claimed { close(connection) }
    }
}
