// Small appenders shared by the ZIP and XML writers. Every part is built straight into
// one `[UInt8]`, so nothing here creates an intermediate `String`.

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of a literal; `withUTF8Buffer` works for every `StaticString`
    /// representation, including single-scalar literals that have no pointer.
    mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a non-negative integer in decimal ASCII without going through `String`.
    /// Digits come out least significant first, so they are collected in a register and
    /// appended in order (reversing a slice of the array in place costs far more).
    mutating func appendDecimal(_ value: Int) {
        precondition(value >= 0, "only non-negative numbers are written")
        var digits: UInt64 = 0  // one digit per byte, most significant in the lowest byte
        var count = 0
        var rest = value
        repeat {
            digits = digits << 8 | UInt64(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
            count += 1
        } while rest > 0 && count < 8
        if rest > 0 { appendDecimal(rest) }  // numbers of more than eight digits: the rest first
        for _ in 0..<count {
            append(UInt8(truncatingIfNeeded: digits))
            digits >>= 8
        }
    }

    /// Appends a 16-bit little-endian field, the byte order of every ZIP header.
    mutating func appendLE16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends a 32-bit little-endian field.
    mutating func appendLE32(_ value: UInt32) {
        appendLE16(UInt16(truncatingIfNeeded: value))
        appendLE16(UInt16(truncatingIfNeeded: value >> 16))
    }

    /// Overwrites a 32-bit little-endian field written earlier as a placeholder.
    mutating func setLE32(_ value: UInt32, at offset: Int) {
        for shift in 0..<4 {
            self[offset + shift] = UInt8(truncatingIfNeeded: value >> (8 * shift))
        }
    }
}
