// Small appenders shared by the ZIP and XML writers. Every part is built straight into
// one `[UInt8]`, so nothing here creates an intermediate `String`.

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of a literal; `withUTF8Buffer` works for every `StaticString`
    /// representation, including single-scalar literals that have no pointer.
    mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a non-negative integer in decimal ASCII without going through `String`.
    mutating func appendDecimal(_ value: Int) {
        precondition(value >= 0, "only non-negative numbers are written")
        let start = count
        var rest = value
        repeat {
            append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        self[start...].reverse()
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
