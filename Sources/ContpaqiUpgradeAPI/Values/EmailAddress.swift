/// A plain `local@domain.tld` address: ASCII, no display name, no comments, and no `=?`
/// anywhere (RFC 2047 §5): what the key-request mailbox and every mail program accept.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address, trimmed: `local@domain.tld`.
    public let address: String

    /// The address, trimmed of white space, if it is one; nil otherwise.
    public init?(_ text: String) {
        let address = TextInput.trimmingWhiteSpace(text)
        guard EmailAddress.isValid(address) else { return nil }
        self.address = address
    }

    private init(unchecked address: String) { self.address = address }

    /// The address.
    public var description: String { address }

    /// The part after the `@`.
    public var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

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
        // By index, not `zip`: zipping two views instantiates generic metadata that costs a
        // one-shot call more than all of its own work.
        var previous: UInt8 = 0
        for byte in address.utf8 {
            if previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }

    /// RFC 5322 `atext` symbols. A switch, not a Set: no hashing per byte, and no Set
    /// metadata for a one-shot call to build.
    private static func isAtextSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func isDotAtom(_ part: ArraySlice<UInt8>) -> Bool {
        part.first != UInt8(ascii: ".") && part.last != UInt8(ascii: ".")
            && !part.indices.dropLast().contains { part[$0] == UInt8(ascii: ".") && part[$0 + 1] == UInt8(ascii: ".") }
            && part.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: ".") || isAtextSymbol($0) }
    }

    private static func isLabel(_ label: ArraySlice<UInt8>) -> Bool {
        (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
            && label.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension EmailAddress: SchemaValue {
    /// A control character left inside after trimming is `INVALID_EMAIL`, the address's own
    /// code, like anything else wrong with it (API.md §3).
    public init(from decoder: any Decoder) throws {
        let address = try TextInput.readTrimmed(decoder)
        guard EmailAddress.isValid(address) else {
            // The person who typed it is told why an otherwise plausible address is refused.
            throw ValueError(.invalidEmail, EmailAddress.hasEncodedWordMarker(address)
                ? "La dirección no puede contener «=?»: los programas de correo lo leen como texto codificado (RFC 2047)."
                : "No es una dirección de correo válida (nombre@dominio.tld, sin nombre visible).")
        }
        self.init(unchecked: address)
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(address, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, format: "email", maxLength: 254,
                                                   examples: .literal(["rgonzalez@empresamuestra.com.mx"]))
    public static var schemaName: String? { "EmailAddress" }
    public static let placeholder = EmailAddress(unchecked: "nadie@example.com")
}
