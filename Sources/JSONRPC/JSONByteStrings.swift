// Writing long byte strings into JSON (the e-mail message, the workbook's base64) without
// first making them Swift Strings, and the escape scan every JSON string goes through.

extension JSONWriter {
    /// Writes UTF-8 `text` as a JSON string, escaped exactly as `string(_:)` escapes a
    /// `String`. With `escaping: false` the caller vouches that no byte needs an escape (no
    /// control character, `"` or `\`), as for base64, and the bytes are copied as they are.
    public mutating func string(utf8 text: [UInt8], escaping: Bool) {
        raw([])  // the separating comma, if one is due; the value itself follows
        append(UInt8(ascii: "\""))
        if escaping {
            text.withUnsafeBufferPointer { appendEscaped($0) }
        } else {
            append(text)
        }
        append(UInt8(ascii: "\""))
    }
}

/// Where the next byte that JSON must escape is: eight bytes are tested at once, so text
/// with no escapes (most of it; a mail has one CRLF in 78 bytes) costs about one
/// instruction per byte.
enum JSONEscaping {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is below 0x20, `"` or `\`. Exact: the
    /// additions stay within each byte (at most 0x7F + 0x7F), so no carry crosses bytes.
    private static func escapeMask(_ word: UInt64) -> UInt64 {
        let notControl = ((word & low7) &+ ones &* 0x60) | word  // high bit: byte >= 0x20
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let notQuote = ((quote & low7) &+ low7) | quote  // high bit: byte != 0x22
        let notBackslash = ((backslash & low7) &+ low7) | backslash
        return ~(notControl & notQuote & notBackslash) & high
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var seen: UInt64 = 0
        var index = 0
        while text.count &- index >= 8 {
            seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < text.count {
            seen |= UInt64(base[index])
            index &+= 1
        }
        return seen & high == 0
    }

    /// The index of the first byte at or after `start` that needs an escape, or `text.count`.
    static func firstEscape(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var index = start
        while text.count &- index >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let mask = escapeMask(word)
            if mask != 0 { return index &+ mask.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < text.count {
            let byte = base[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            index &+= 1
        }
        return index
    }
}
