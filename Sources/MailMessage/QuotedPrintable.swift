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
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 16)
        var line: [Unicode.Scalar] = []
        var previousWasCR = false
        var pendingLine = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue  // second half of a CRLF already ended the line
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                appendEncodedLine(line, to: &out)
                line.removeAll(keepingCapacity: true)
                pendingLine = false
            } else {
                line.append(scalar)
                pendingLine = true
            }
        }
        if pendingLine {
            appendEncodedLine(line, to: &out)
        }
        return out
    }

    private static func appendEncodedLine(_ line: [Unicode.Scalar], to out: inout String) {
        var lineLength = 0
        var piece = ""
        for (position, scalar) in line.enumerated() {
            let isLast = position == line.count - 1
            piece.removeAll(keepingCapacity: true)
            appendEncoded(scalar, atLineEnd: isLast, to: &piece)
            // Anything but the last piece must leave room for the soft-break `=`.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + piece.utf8.count > limit {
                out += "=\r\n"
                lineLength = 0
            }
            out += piece
            lineLength += piece.utf8.count
        }
        out += "\r\n"
    }

    private static func appendEncoded(_ scalar: Unicode.Scalar, atLineEnd: Bool,
                                      to piece: inout String) {
        let value = scalar.value
        let isPrintable = (33...126).contains(value) && value != 61  // 61 is `=`
        let isInnerBlank = (value == 32 || value == 9) && !atLineEnd
        if isPrintable || isInnerBlank {
            piece.unicodeScalars.append(scalar)
            return
        }
        for byte in scalar.utf8 {
            Hex.appendEscape(byte, prefix: "=", to: &piece)
        }
    }
}

/// Upper-case hexadecimal escapes shared by quoted-printable, RFC 2047 and RFC 2231.
enum Hex {
    private static let digits: [Character] = Array("0123456789ABCDEF")

    static func appendEscape(_ byte: UInt8, prefix: Character, to text: inout String) {
        text.append(prefix)
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
}
