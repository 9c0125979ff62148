/// A CONTPAQ i serial number: four groups of four ASCII letters or digits joined by `-`,
/// as in the source document's `Aaaa-Bbbb-Cccc-Dddd`.
///
/// Stored upper-cased, so two serials that differ only in case are equal (which is what
/// duplicate detection within one request needs).
public struct SerialNumber: Hashable, Sendable, CustomStringConvertible {
    /// The serial, upper-cased: `AAAA-BBBB-CCCC-DDDD`.
    public let value: String

    /// The accepted form, as a regular expression for JSON Schema and client forms.
    public static let pattern = "^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$"
    /// The form results carry: upper-cased.
    public static let canonicalPattern = "^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$"

    /// A serial if `text` is exactly `XXXX-XXXX-XXXX-XXXX` (ASCII letters and digits),
    /// else nil. Nothing is trimmed: the caller trims input first.
    public init?(_ text: String) {
        guard text.utf8.count == 19 else { return nil }
        var text = text
        // On the contiguous UTF-8 rather than through `String.UTF8View`'s iterator, whose
        // every step re-checks the string's representation, and into a buffer on the stack:
        // one serial is read per system.
        let value = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { upper -> String? in
                for index in 0..<19 {
                    let byte = bytes[index]
                    if index == 4 || index == 9 || index == 14 {
                        guard byte == UInt8(ascii: "-") else { return nil }
                        upper[index] = byte
                    } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                        upper[index] = byte - 32
                    } else if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                        upper[index] = byte
                    } else {
                        return nil
                    }
                }
                return String(decoding: UnsafeBufferPointer(start: upper.baseAddress, count: 19), as: UTF8.self)
            }
        }
        guard let value else { return nil }
        self.value = value
    }

    /// The serial, upper-cased.
    public var description: String { value }
}

// MARK: - Coding

extension SerialNumber: SchemaValue {
    /// Any case, trimmed of white space; written upper-cased.
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder)
        guard let serial = SerialNumber(text) else {
            throw ValueError(.invalidSerial, "El número de serie debe tener cuatro grupos de cuatro letras o dígitos separados por guiones (AAAA-BBBB-CCCC-DDDD).")
        }
        self = serial
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(value, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, pattern: pattern, examples: .literal(["AAAA-BBBB-CCCC-DDDD"]))
    public static let outputSchema = SchemaFragment(type: .string, pattern: canonicalPattern,
                                                    examples: .literal(["AAAA-BBBB-CCCC-DDDD"]))
    public static var schemaName: String? { "SerialNumber" }
    public static let placeholder = SerialNumber("AAAA-AAAA-AAAA-AAAA")!
}
