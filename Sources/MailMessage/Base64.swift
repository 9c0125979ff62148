/// Base64 as defined by RFC 4648 §4 (standard alphabet, `=` padding).
///
/// MIME bodies need the encoded text wrapped at 76 characters (RFC 2045 §6.8), while JSON
/// payloads want one unbroken line, so both shapes are offered.
public enum Base64 {
    private static let alphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let pad = UInt8(ascii: "=")

    /// Encodes `bytes` as a single line with no line breaks.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: encodedBytes(bytes, lineLength: 0), as: UTF8.self)
    }

    /// Encodes `bytes` with a CRLF after every `lineLength` characters, as MIME requires.
    ///
    /// There is no CRLF after the last line. A `lineLength` that is not a positive multiple
    /// of 4 is rounded down to one (minimum 4) so no line ever exceeds the requested width.
    public static func encode(_ bytes: [UInt8], lineLength: Int) -> String {
        let width = max(4, lineLength - lineLength % 4)
        return String(decoding: encodedBytes(bytes, lineLength: width), as: UTF8.self)
    }

    /// The length of the unwrapped encoding of `byteCount` bytes.
    static func encodedLength(ofByteCount byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// Works on bytes rather than `String` so a 100 KB attachment costs one allocation.
    /// `lineLength` 0 means "do not wrap"; otherwise it is a multiple of 4.
    private static func encodedBytes(_ bytes: [UInt8], lineLength: Int) -> [UInt8] {
        let plainLength = encodedLength(ofByteCount: bytes.count)
        let breaks = lineLength > 0 && plainLength > 0 ? (plainLength - 1) / lineLength : 0
        var out: [UInt8] = []
        out.reserveCapacity(plainLength + 2 * breaks)
        let groupsPerLine = lineLength / 4
        var groupsOnLine = 0

        var index = 0
        while index < bytes.count {
            if groupsPerLine > 0 && groupsOnLine == groupsPerLine {
                out.append(13)
                out.append(10)
                groupsOnLine = 0
            }
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 0x3F)])
            out.append(alphabet[Int(triple >> 12 & 0x3F)])
            out.append(remaining > 1 ? alphabet[Int(triple >> 6 & 0x3F)] : pad)
            out.append(remaining > 2 ? alphabet[Int(triple & 0x3F)] : pad)
            index += 3
            groupsOnLine += 1
        }
        return out
    }
}
