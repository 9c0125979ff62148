/// How messages are delimited on the connection. The server detects it from the first
/// byte a client sends and answers in kind, so either works against the same server.
public enum Framing: Hashable, Sendable {
    /// One JSON text per line (NDJSON): the default, and what `nc` or a shell script speaks.
    case ndjson
    /// LSP-style `Content-Length: N` headers, a blank line, then N bytes of JSON, as editor
    /// plugins speak it.
    case contentLength

    /// `json` as one message on the wire. JSONEncoder's compact output has no raw line
    /// break (one inside a string is written `\n`), so a line ends it safely.
    func frame(_ json: some Collection<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        switch self {
        case .ndjson:
            bytes.reserveCapacity(json.count + 1)
            bytes.append(contentsOf: json)
            bytes.append(UInt8(ascii: "\n"))
        case .contentLength:
            let header = Array("Content-Length: \(json.count)\r\n\r\n".utf8)
            bytes.reserveCapacity(header.count + json.count)
            bytes.append(contentsOf: header)
            bytes.append(contentsOf: json)
        }
        return bytes
    }
}
