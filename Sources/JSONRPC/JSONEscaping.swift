/// Where the next byte that JSON treats specially is (`"`, `\` or a control byte): eight
/// bytes are tested at once, so text with none (most of it; a mail has one CRLF in 78
/// bytes) costs about one instruction per byte. The writer escapes at these bytes, the
/// parser and the framer's scanner stop at them.
package enum JSONEscaping {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

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
        return firstSpecialByte(base, from: start, to: text.count)
    }

    /// The index of the first `"`, `\` or control byte in `start..<end`, or `end`.
    @inline(__always)
    package static func firstSpecialByte(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        let lastWord = end &- 8
        while index <= lastWord {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            // The classic "has a byte below n" test, twice: `x ^ 2` is below 0x21 exactly for
            // `"` and the control bytes, `x ^ 0x5C` below 1 exactly for `\`. A borrow only
            // ever flags a byte above a real match, so the lowest flag is exact.
            let quoteOrControl = (word ^ (ones &* 0x02)) &- (ones &* 0x21)
            let backslash = (word ^ (ones &* 0x5C)) &- ones
            let found = (quoteOrControl | backslash) & ~word & high
            if found != 0 { return index &+ found.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        while index < end {
            let byte = base[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { return index }
            index &+= 1
        }
        return end
    }
}
