#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A file by device and inode: what a path named when we looked, whatever it names later.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// The socket file `bind` just created at `path`. fstat on the socket descriptor
    /// describes the socket, not this file, so the path is looked at right away: it must be
    /// a socket of ours with the mode the umask gave it. Someone who can write to the
    /// directory may still swap in a socket of their own in between; then we serve on a file
    /// nobody reaches and at exit remove theirs, which they could remove anyway.
    static func ofBoundSocket(at path: String, mode: mode_t) throws(SocketServer.StartError) -> FileIdentity {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw .message("\(path) vanished right after bind (\(errnoText())); is someone else using the directory?")
        }
        guard info.st_mode & S_IFMT == S_IFSOCK, info.st_uid == geteuid() else {
            throw .message("\(path) was replaced right after bind; refusing to serve on it")
        }
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        // A default ACL on the directory overrides the umask: the mode is then not ours.
        let actual = info.st_mode & 0o777
        guard actual == mode else {
            identity.unlinkIfStill(at: path)
            throw .message("\(path) got mode \(octal(actual)) instead of \(octal(mode)) "
                + "(a default ACL on its directory?); refusing to serve on it")
        }
        return identity
    }

    /// Unlinks `path` only if it still names this file. Returns why it was left, or nil.
    /// (A replacement between this lstat and the unlink is not excluded: POSIX has no
    /// unlink-by-inode; the window is two system calls wide.)
    @discardableResult
    func unlinkIfStill(at path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "\(path) is already gone (\(errnoText()))" }
        guard UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode else {
            return "\(path) is no longer this server's socket; left in place"
        }
        guard unlink(path) == 0 else { return "cannot remove \(path): \(errnoText())" }
        return nil
    }
}

private func octal(_ mode: mode_t) -> String {
    let digits = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
