// Independent decoders, so tests can check round trips instead of only comparing to
// strings the encoder itself produced.

enum TestDecode {
    /// Base64 (RFC 4648), ignoring CR and LF; nil on any other character outside the alphabet.
    static func base64(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 where byte != 13 && byte != 10 {
            if byte == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0, let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(index))
        }
        guard (values.count + padding) % 4 == 0 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let group = values[index..<min(index + 4, values.count)]
            var bits: UInt32 = 0
            for value in group { bits = bits << 6 | UInt32(value) }
            bits <<= UInt32(6 * (4 - group.count))
            let produced = group.count - 1
            for shift in [16, 8, 0].prefix(produced) { out.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
            index += 4
        }
        return out
    }

    /// Quoted-printable: soft breaks removed, `=XX` decoded, hard CRLF kept as "\n".
    static func quotedPrintable(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            var soft = false
            if bytes.last == UInt8(ascii: "=") { bytes.removeLast(); soft = true }
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "=") {
                    guard index + 2 < bytes.count,
                          let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
                    else { return nil }
                    out.append(value)
                    index += 3
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            if !soft && number < lines.count - 1 { out.append(10) }
        }
        return out
    }

    /// One RFC 2047 encoded-word in UTF-8, as a decoder would read it on its own; nil when
    /// it is malformed or its bytes are not complete UTF-8.
    static func encodedWord(_ word: String) -> String? {
        guard word.hasPrefix("=?UTF-8?"), word.hasSuffix("?="), word.count > 12 else { return nil }
        let kind = word.dropFirst(8).prefix(1)
        let payload = String(word.dropFirst(10).dropLast(2))
        let bytes: [UInt8]?
        if kind == "B" {
            bytes = base64(payload)
        } else if kind == "Q" {
            bytes = quotedPrintable(payload.replacingUnderscores())
        } else {
            return nil
        }
        guard let bytes else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A phrase (display name) of atoms and encoded-words, unfolded, as read by a decoder
    /// following RFC 2047 §6.2 (white space between adjacent encoded-words is dropped), or,
    /// with `keepingSpaceBetweenWords`, by one that keeps it (Python's `policy.default`).
    static func phrase(_ value: String, keepingSpaceBetweenWords: Bool = false) -> String? {
        var text = ""
        var previousWasEncoded = false
        for (index, token) in value.split(separator: " ").enumerated() {
            let decoded = encodedWord(String(token))
            if decoded == nil && token.hasPrefix("=?") { return nil }
            if index > 0 && (keepingSpaceBetweenWords || !(previousWasEncoded && decoded != nil)) { text += " " }
            text += decoded ?? String(token)
            previousWasEncoded = decoded != nil
        }
        return text
    }

    /// Splits a rendered message into lines, failing the split on a bare CR or LF.
    static func crlfLines(_ message: String) -> [Substring]? {
        let lines = message.split(separator: "\r\n", omittingEmptySubsequences: false)
        for line in lines where line.utf8.contains(13) || line.utf8.contains(10) { return nil }
        return lines
    }

    /// The unfolded header section of a rendered message, one field per element.
    static func headerFields(_ message: String) -> [String] {
        let head = message.split(separator: "\r\n\r\n", maxSplits: 1)[0]
        var fields: [String] = []
        for line in head.split(separator: "\r\n") {
            if line.first == " " || line.first == "\t" {
                fields[fields.count - 1] += line
            } else {
                fields.append(String(line))
            }
        }
        return fields
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
