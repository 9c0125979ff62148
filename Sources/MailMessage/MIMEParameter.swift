/// MIME header parameters (`name="value"`), with RFC 2231 for values that need it.
enum MIMEParameter {
    /// The longest a parameter token may be and still fit a continuation line with its
    /// leading space and trailing `;`.
    private static let longestToken = HeaderField.preferredLineLength - 2

    /// Tokens for `attribute=value`, each but the last followed by `;`; none for an empty
    /// value.
    ///
    /// Printable ASCII that fits one line is a quoted-string. Anything else uses only the
    /// RFC 2231 form (`attribute*=UTF-8''…`, split into `attribute*0*=`, `attribute*1*=`…
    /// when long) — not both forms, because parsers such as Python's then take the plain
    /// one and report a duplicate. Segments never split a UTF-8 sequence.
    static func tokens(attribute: String, value: String) -> [HeaderToken] {
        guard !value.isEmpty else { return [] }
        if HeaderText.isPlainASCII(value) {
            let quoted = attribute + "=" + HeaderText.quotedString(value)
            if quoted.utf8.count <= longestToken { return [HeaderToken(quoted)] }
        }
        var segments: [String] = []
        var segment: [UInt8] = Array("UTF-8''".utf8)
        // Room for `attribute*NN*=` with up to a three-digit index.
        let room = longestToken - attribute.utf8.count - 6
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                // Each scalar's escapes stay in one segment; a valid lead byte gives its length.
                let lead = bytes[start]
                let end = start + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4)
                var pieceLength = 0
                for index in start..<end { pieceLength += isAttributeChar(bytes[index]) ? 1 : 3 }
                if segment.count + pieceLength > room {
                    segments.append(String(decoding: segment, as: UTF8.self))
                    segment.removeAll(keepingCapacity: true)
                }
                for index in start..<end {
                    let byte = bytes[index]
                    if isAttributeChar(byte) {
                        segment.append(byte)
                    } else {
                        segment.appendHexEscape(byte, prefix: UInt8(ascii: "%"))
                    }
                }
                start = end
            }
        }
        segments.append(String(decoding: segment, as: UTF8.self))
        if segments.count == 1 {
            return [HeaderToken(attribute + "*=" + segments[0])]
        }
        return segments.enumerated().map { index, text in
            let separator = index < segments.count - 1 ? ";" : ""
            return HeaderToken(attribute + "*" + String(index) + "*=" + text + separator)
        }
    }

    /// RFC 2231 `attribute-char`: what may appear in an extended value without `%` escape.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        guard (33...126).contains(byte) else { return false }
        return !isTSpecial(byte) && byte != UInt8(ascii: "*") && byte != UInt8(ascii: "'")
            && byte != UInt8(ascii: "%")
    }

    /// RFC 2045 `tspecials`.
    static func isTSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
             UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "?"), UInt8(ascii: "="):
            true
        default:
            false
        }
    }
}
