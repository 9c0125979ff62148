/// Checks on text input shared by every field kind.
enum Text {
    static let controlMessage = "El texto contiene caracteres de control (como saltos de línea), que no se permiten."

    /// Trims leading and trailing Unicode `White_Space` (space, tab, CR, LF, NBSP, U+2028…),
    /// as API.md §2 asks: values pasted from a spreadsheet cell carry a tab or a CRLF.
    /// Control characters left inside are refused by `problem(in:)`, never removed.
    static func trimmingWhiteSpace(_ text: String) -> String {
        // Most input starts and ends with printable ASCII other than a space: as it is.
        if let first = text.utf8.first, let last = text.utf8.last,
           first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isWhiteSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
    }

    /// C0, DEL, C1, U+2028/2029.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Why `text` cannot be accepted, or nil. U+FFFD stands for input that was not valid
    /// Unicode (a lone surrogate escape decodes to it).
    static func problem(in text: String) -> String? {
        // Printable ASCII, most input, is checked byte by byte without decoding scalars.
        var text = text
        let printableASCII = text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        if printableASCII { return nil }
        for scalar in text.unicodeScalars {
            if isControl(scalar) { return controlMessage }
            if scalar.value == 0xFFFD { return "El texto contiene Unicode inválido." }
        }
        return nil
    }
}

/// `local@domain.tld`, ASCII only: what the key-request mailbox and every mail program accept.
enum EmailAddress {
    static func isValid(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, !hasEncodedWordMarker(address), let at = bytes.firstIndex(of: UInt8(ascii: "@")),
              bytes.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), isDotAtom(local) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy(isLabel) else { return false }
        let tld = labels.last!
        return tld.count >= 2 && tld.allSatisfy { isLetter($0) }
    }

    /// `=?` starts an RFC 2047 encoded-word. `=` and `?` are each legal in a local part, but
    /// together they let a reader that decodes where §5 forbids it show another sender
    /// (`=?utf-8?q?spy=40evil.com?=@example.com`), so no address may hold them.
    static func hasEncodedWordMarker(_ address: String) -> Bool {
        zip(address.utf8, address.utf8.dropFirst()).contains { $0 == UInt8(ascii: "=") && $1 == UInt8(ascii: "?") }
    }

    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    private static func isDotAtom(_ part: ArraySlice<UInt8>) -> Bool {
        part.first != UInt8(ascii: ".") && part.last != UInt8(ascii: ".")
            && !zip(part, part.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
            && part.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: ".") || atextSymbols.contains($0) }
    }

    private static func isLabel(_ label: ArraySlice<UInt8>) -> Bool {
        (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
            && label.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
