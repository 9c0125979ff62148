/// A piece of a header value that folding must keep whole, with the white space before it.
///
/// Folding (RFC 5322 §2.2.3) may only insert CRLF in front of existing white space, so each
/// token remembers the white space that precedes it; a fold puts CRLF before that space,
/// and unfolding gives back exactly the original value.
struct HeaderToken: Equatable {
    var leadingSpace: String
    var text: String

    init(_ text: String, after leadingSpace: String = " ") {
        self.leadingSpace = leadingSpace
        self.text = text
    }
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
    static func append(name: String, tokens: [HeaderToken], to out: inout String) {
        out += name
        out += ":"
        var lineLength = name.utf8.count + 1
        var isFreshLine = true
        for token in tokens {
            let width = token.leadingSpace.utf8.count + token.text.utf8.count
            let overflows = lineLength + width > preferredLineLength
            let helps = !isFreshLine || width <= preferredLineLength
            if overflows && helps && !token.leadingSpace.isEmpty {
                out += "\r\n"
                lineLength = 0
            }
            out += token.leadingSpace
            out += token.text
            lineLength += width
            isFreshLine = false
        }
        out += "\r\n"
    }
}
