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

    /// A serial if `text` is exactly `XXXX-XXXX-XXXX-XXXX` (ASCII letters and digits),
    /// else nil. Nothing is trimmed: the caller trims input first.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 else { return nil }
        var upper: [UInt8] = []
        upper.reserveCapacity(19)
        for (index, byte) in bytes.enumerated() {
            if index % 5 == 4 {
                guard byte == UInt8(ascii: "-") else { return nil }
                upper.append(byte)
            } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                upper.append(byte - 32)
            } else if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                upper.append(byte)
            } else {
                return nil
            }
        }
        value = String(decoding: upper, as: UTF8.self)
    }

    public var description: String { value }
}
