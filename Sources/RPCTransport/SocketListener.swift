#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The listening socket: inherited from systemd, or created at a path we own.
struct SocketListener {
    let fd: Int32
    let path: String?
    let activated: Bool
    /// The file `bind` created. Only that file is ever removed: by exit the path may hold
    /// a newer server's socket, or an attacker's symlink.
    private let bound: FileIdentity?

    /// systemd's first passed descriptor (sd_listen_fds(3)).
    private static let firstActivatedFD: Int32 = 3

    static func open(path: String?, mode: mode_t) throws(SocketServer.StartError) -> SocketListener {
        if SocketActivation.isActive {
            unsetenv("LISTEN_PID")
            unsetenv("LISTEN_FDS")
            unsetenv("LISTEN_FDNAMES")
            let fd = firstActivatedFD
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else {
                throw .message("LISTEN_FDS is set but descriptor 3 is not a socket")
            }
            // A connected socket (Accept=yes in the unit) would make accept fail forever.
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening != 0 else {
                throw .message("descriptor 3 from systemd is not a listening socket (use Accept=no)")
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            return SocketListener(fd: fd, path: nil, activated: true, bound: nil)
        }
        guard let path else { throw .message("serve needs --socket PATH (or systemd socket activation)") }
        let (fd, bound) = try create(at: path, mode: mode)
        return SocketListener(fd: fd, path: path, activated: false, bound: bound)
    }

    /// Creates, binds and listens. Refuses to take over a live socket or a file that is not
    /// a socket; replaces a stale socket left by a server that died.
    private static func create(at path: String, mode: mode_t) throws(SocketServer.StartError) -> (Int32, FileIdentity) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw .message("socket path is longer than \(capacity - 1) bytes: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
        }
        var existing = stat()
        if lstat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFSOCK else {
                throw .message("\(path) exists and is not a socket; refusing to replace it")
            }
            if let reason = reasonToKeep(&address, path) { throw .message(reason) }
            // Stale: its server is gone. Failing here (EACCES on the directory) would
            // otherwise surface as a misleading EADDRINUSE from bind.
            if unlink(path) != 0 && errno != ENOENT {
                throw .message("cannot remove stale socket \(path): \(errnoText())")
            }
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .message("socket(): \(errnoText())") }
        // The mode comes from the umask at bind, so the file never exists with another one,
        // and nothing chmods a path (which follows a symlink swapped in after bind). The
        // umask is process-wide: safe because no other thread exists yet.
        let previousMask = umask(~mode & 0o777)
        let bindResult = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        let bindError = errno
        umask(previousMask)
        guard bindResult == 0 else {
            Glibc.close(fd)
            throw .message("cannot bind \(path): \(errnoText(bindError))")
        }
        let bound: FileIdentity
        do throws(SocketServer.StartError) {
            bound = try FileIdentity.ofBoundSocket(at: path, mode: mode)
        } catch {
            Glibc.close(fd)
            throw error
        }
        guard listen(fd, SOMAXCONN) == 0 else {
            let error = errnoText()
            Glibc.close(fd)
            bound.unlinkIfStill(at: path)
            throw .message("cannot listen on \(path): \(error)")
        }
        return (fd, bound)
    }

    /// Why the socket at `address` must be left alone, or nil when it is stale. Only
    /// ECONNREFUSED proves nobody listens: any other failure (EACCES on another user's
    /// socket, EAGAIN on a full backlog) may hide a live server.
    private static func reasonToKeep(_ address: inout sockaddr_un, _ path: String) -> String? {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard probe >= 0 else { return "cannot probe \(path): \(errnoText())" }
        defer { Glibc.close(probe) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if connected == 0 { return "another server is listening on \(path)" }
        let error = errno
        if error == ECONNREFUSED { return nil }
        return "cannot tell whether a server is listening on \(path) (\(errnoText(error))); refusing to replace it"
    }

    /// Removes the socket file, if it is still the one this server bound (systemd's is
    /// never removed), so no new client can reach us. Called once, when shutdown begins.
    /// Returns why the path was left alone, for the log.
    func unlinkPath() -> String? {
        guard let path, let bound else { return nil }
        return bound.unlinkIfStill(at: path)
    }

    func close() {
        Glibc.close(fd)
    }
}

/// Whether systemd passed this process a listening socket (sd_listen_fds(3)).
public enum SocketActivation {
    public static var isActive: Bool {
        guard let pid = getenv("LISTEN_PID").map({ String(cString: $0) }), pid == String(getpid()),
              let count = getenv("LISTEN_FDS").flatMap({ Int(String(cString: $0)) }) else { return false }
        return count >= 1
    }
}
