#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A spawned server, reaped by a thread of its own as soon as it exits, so it never lingers
/// as a zombie whether or not `close()` is called.
final class ChildProcess: Sendable {
    let pid: pid_t
    private let state = Locked(State())

    private struct State {
        var exited = false
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
    }

    private struct Waiter {
        let continuation: CheckedContinuation<Void, Never>
        var timer: Task<Void, Never>?
    }

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `path` with `arguments`, its stdin and stdout both `stdio` (one end of a
    /// socket pair), its stderr ours, our environment.
    static func spawn(path: String, arguments: [String], stdio socket: Socket) throws(ClientError) -> ChildProcess {
        let stdio = socket.fd
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdio, 0)
        posix_spawn_file_actions_adddup2(&actions, stdio, 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child inherits the spawning thread's signal mask and ignored signals: a
        // server spawned from a thread blocking SIGTERM would not stop when told to.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else { throw .cannotStart(path: path, reason: errnoText(result)) }

        let child = ChildProcess(pid: pid)
        guard startThread({ child.reap() }) else {
            // Without its reaper the child could not be waited for: end it now.
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw .cannotStart(path: path, reason: "cannot start a thread to wait for it")
        }
        return child
    }

    /// Sends `signal` unless the child was already reaped: its pid may then name another
    /// process. Under the lock the reaper takes before reaping.
    func send(signal: Int32) {
        state.withLock { state in
            if !state.exited { kill(pid, signal) }
        }
    }

    /// Ends the child at once (it could not be talked to).
    func stopNow() { send(signal: SIGKILL) }

    /// Ends the child once its input is closed: it exits by itself at end of input; one
    /// that has not within `grace` gets SIGTERM, and then SIGKILL.
    func terminate(grace: Duration = .seconds(2)) async {
        if await waitForExit(upTo: grace) { return }
        send(signal: SIGTERM)
        if await waitForExit(upTo: grace) { return }
        send(signal: SIGKILL)
        _ = await waitForExit()
    }

    /// Waits until the child has exited or `limit` (if any) has passed; whether it has exited.
    func waitForExit(upTo limit: Duration? = nil) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let token: Int? = state.withLock { state in
                if state.exited { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = Waiter(continuation: continuation)
                return state.nextWaiter
            }
            guard let token else { return continuation.resume() }
            guard let limit else { return }
            // Armed once registered, so it cannot fire before there is a waiter to wake.
            let timer = Task { [weak self] in
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                self?.state.withLock { $0.waiters.removeValue(forKey: token) }?.continuation.resume()
            }
            let stillWaiting = state.withLock { state in
                state.waiters[token]?.timer = timer
                return state.waiters[token] != nil
            }
            if !stillWaiting { timer.cancel() }
        }
        return state.withLock { $0.exited }
    }

    /// On the reaper thread: waits for the exit without reaping (so `send(signal:)` can
    /// never reach a reused pid), marks it, then reaps.
    private func reap() {
        var info = siginfo_t()
        // ECHILD too ends the wait: a host program that ignores SIGCHLD has it reaped already.
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        let waiters = state.withLock { state in
            state.exited = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume()
        }
    }
}
