/// A piece of a header value that folding must keep whole, with the white space before it.
///
/// Folding (RFC 5322 §2.2.3) may only insert CRLF in front of existing white space, so each
/// token remembers how many spaces precede it (white space in header values is only ever
/// spaces here: tabs and other controls are sanitized away); a fold puts CRLF before those
/// spaces, and unfolding gives back exactly the original value.
struct HeaderToken: Equatable {
    var leadingSpaces: Int
    var text: String

    init(_ text: String, afterSpaces leadingSpaces: Int = 1) {
        self.leadingSpaces = leadingSpaces
        self.text = text
    }

    /// Spaces and text, in bytes (every token is ASCII, so also in characters).
    var width: Int { leadingSpaces + text.utf8.count }
}

/// Writes one header field folded to 78-character lines.
enum HeaderField {
    /// RFC 5322 §2.1.1: lines SHOULD be at most 78 characters (MUST be at most 998).
    static let preferredLineLength = 78

    /// Appends `name: value` with its CRLF, folding between tokens once a line would pass
    /// ``preferredLineLength``. A token is never split, so callers keep tokens well below
    /// 998 characters; every token is ASCII, so character and byte counts agree.
    ///
    /// A first token too long for the header's first line (a long media type) goes to a
    /// continuation line if it fits there, leaving `Name:` alone on the first line, which
    /// RFC 5322 permits (folding white space may follow the colon).
    static func append(name: StaticString, tokens: [HeaderToken], to out: inout [UInt8]) {
        out.appendLiteral(name)
        out.append(UInt8(ascii: ":"))
        var lineLength = name.utf8CodeUnitCount + 1
        var isFreshLine = true
        for token in tokens {
            let width = token.width
            let overflows = lineLength + width > preferredLineLength
            let helps = !isFreshLine || width <= preferredLineLength
            if overflows && helps && token.leadingSpaces > 0 {
                out.append(13)
                out.append(10)
                lineLength = 0
            }
            for _ in 0..<token.leadingSpaces { out.append(UInt8(ascii: " ")) }
            out.appendUTF8(token.text)
            lineLength += width
            isFreshLine = false
        }
        out.append(13)
        out.append(10)
    }
}
