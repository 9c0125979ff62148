/// Quoted-printable body encoding (RFC 2045 §6.7) for UTF-8 text.
///
/// Chosen over base64 for text parts because a human reading the raw message (or a log of
/// it) can still read Spanish text with a few `=C3=B3` escapes.
public enum QuotedPrintable {
    /// The longest encoded line allowed by RFC 2045, not counting the CRLF.
    public static let maximumLineLength = 76

    /// Encodes `text` as a MIME body whose every line, the last one included, ends in CRLF.
    ///
    /// `"\n"`, `"\r\n"` and a lone `"\r"` in `text` are all hard line breaks. A text that does
    /// not end with a line break gets one, since a message body always ends with CRLF. `=`,
    /// control characters, non-ASCII bytes and a space or tab at the end of a line are
    /// escaped as `=XX`; longer lines get soft breaks (`=` CRLF). The bytes of one Unicode
    /// scalar are never split across two encoded lines, so each line is readable on its own.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `text` (see ``encode(_:)``) to a message being built.
    ///
    /// Works on the UTF-8 bytes: CR and LF are ASCII, so lines split the same way as the
    /// scalars would, and a valid UTF-8 lead byte tells how long its scalar is.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { source in
            out.reserveCapacity(out.count + source.count + source.count / 8 + 16)
            var lineStart = 0
            var previousWasCR = false
            for index in 0..<source.count {
                let byte = source[index]
                if byte == 10 && previousWasCR {
                    previousWasCR = false
                    lineStart = index + 1  // second half of a CRLF already ended the line
                    continue
                }
                previousWasCR = byte == 13
                if byte == 10 || byte == 13 {
                    appendEncodedLine(UnsafeBufferPointer(rebasing: source[lineStart..<index]), to: &out)
                    lineStart = index + 1
                }
            }
            if lineStart < source.count {
                appendEncodedLine(UnsafeBufferPointer(rebasing: source[lineStart...]), to: &out)
            }
        }
    }

    /// One hard line: each scalar is a piece (itself, or `=XX` per byte) that goes whole
    /// onto the current encoded line or, with a soft break first, onto the next. Literal
    /// pieces are not appended one by one but as runs, copied when something else must be
    /// written (an escape, a soft break, the end of the line).
    private static func appendEncodedLine(_ line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var lineLength = 0
        var runStart = 0  // literal bytes from here up to `start` are not yet in `out`
        var start = 0
        while start < line.count {
            let lead = line[start]
            let scalarLength = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let end = start + scalarLength
            let isLast = end == line.count
            let isLiteral = scalarLength == 1
                && ((33...126).contains(lead) && lead != UInt8(ascii: "=")
                    || (lead == 32 || lead == 9) && !isLast)
            let pieceLength = isLiteral ? 1 : 3 * scalarLength
            // Anything but the last piece must leave room for the soft-break `=`.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + pieceLength > limit {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: line[runStart..<start]))
                out.appendLiteral("=\r\n")
                runStart = start
                lineLength = 0
            }
            if !isLiteral {
                if runStart < start {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: line[runStart..<start]))
                }
                for index in start..<end {
                    out.appendHexEscape(line[index], prefix: UInt8(ascii: "="))
                }
                runStart = end
            }
            lineLength += pieceLength
            start = end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[runStart...]))
        out.append(13)
        out.append(10)
    }
}
