// The message is built as UTF-8 bytes in one `[UInt8]`: appending to a `String` one
// character at a time costs a grapheme-aware append per character, which made rendering
// the most expensive part of a `requestKeys` call.

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of a literal; `withUTF8Buffer` works for every `StaticString`
    /// representation, including single-scalar literals that have no pointer.
    mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 of `text` in one copy (small strings included).
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `prefix` and the byte as two upper-case hexadecimal digits: the escape shared
    /// by quoted-printable and RFC 2047 (`=C3`) and RFC 2231 (`%C3`).
    mutating func appendHexEscape(_ byte: UInt8, prefix: UInt8) {
        append(prefix)
        append(Hex.digit(byte >> 4))
        append(Hex.digit(byte & 0x0F))
    }

    /// Appends a non-negative number in decimal, zero-padded to at least `width` digits.
    mutating func appendDecimal(_ value: Int, width: Int) {
        precondition(value >= 0, "only non-negative numbers are written")
        var divisor = 1
        var digits = 1
        while divisor <= value / 10 {
            divisor *= 10
            digits += 1
        }
        for _ in digits..<Swift.max(width, digits) { append(UInt8(ascii: "0")) }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

/// Upper-case hexadecimal digits, as RFC 2045, 2047 and 2231 write escapes.
enum Hex {
    static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") - 10 + nibble
    }
}
