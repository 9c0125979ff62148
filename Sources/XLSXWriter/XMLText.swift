/// Escaping of arbitrary text for XML 1.0 element content and attribute values.
///
/// Besides `& < > " '`, XML 1.0 forbids the C0 controls other than tab, LF and CR, and the
/// noncharacters U+FFFE and U+FFFF; a single one makes Excel reject the whole file, so each
/// is replaced by U+FFFD (visible, unlike dropping it). Surrogates cannot occur: a Swift
/// `String` is always valid Unicode.
public enum XMLText {
    /// `text` escaped for element content (`attribute: false`) or a quoted attribute value.
    public static func escaped(_ text: String, attribute: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        _ = append(text, to: &bytes, attribute: attribute)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` escaped to `out` and returns the length in Unicode scalars of its
    /// longest line, which sizes the column it sits in without a second pass over the text.
    ///
    /// CR is written as `&#13;` because parsers turn a raw CR into LF. In attributes, tab
    /// and LF are also written as references, or attribute normalisation would make them spaces.
    @discardableResult
    static func append(_ text: String, to out: inout [UInt8], attribute: Bool) -> Int {
        var text = text
        return text.withUTF8 { source in
            var longestLine = 0
            var line = 0
            var runStart = 0
            var index = 0
            while index < source.count {
                if source.count - index >= 8 {
                    let word = UInt64(littleEndian: UnsafeRawPointer(source.baseAddress! + index)
                        .loadUnaligned(as: UInt64.self))
                    if !maySpecial(word) {
                        line += 8 - continuationBytes(word)
                        index += 8
                        continue
                    }
                }
                let byte = source[index]
                // Plain bytes (most of them) only extend the current run; a scalar starts
                // at every byte that is not a UTF-8 continuation byte (10xxxxxx).
                if !isSpecial(byte) {
                    line += byte & 0xC0 != 0x80 ? 1 : 0
                    index += 1
                    continue
                }
                let replacement: StaticString
                var length = 1
                switch byte {
                case 0x22: replacement = "&quot;"
                case 0x26: replacement = "&amp;"
                case 0x27: replacement = "&apos;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x0D: replacement = "&#13;"
                case 0x09 where attribute: replacement = "&#9;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x09:
                    line += 1
                    index += 1
                    continue
                case 0x0A:
                    longestLine = max(longestLine, line)
                    line = 0
                    index += 1
                    continue
                case 0xEF:
                    // U+FFFE and U+FFFF are EF BF BE and EF BF BF; other EF xx xx are fine.
                    // Valid UTF-8 guarantees the two continuation bytes exist.
                    guard source[index + 1] == 0xBF, source[index + 2] >= 0xBE else {
                        line += 1
                        index += 1
                        continue
                    }
                    replacement = "\u{FFFD}"
                    length = 3
                default:
                    replacement = "\u{FFFD}"  // the remaining C0 controls
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                out.appendLiteral(replacement)
                if byte != 0x0D && byte != 0x0A { line += 1 }
                index += length
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
            return max(longestLine, line)
        }
    }

    /// Whether any of the eight bytes in `word` may need the byte-by-byte path: a C0 control,
    /// `"`, `&` or `'` (0x26 and 0x27 are tested together), `<` or `>` (0x3C, 0x3E), or 0xEF.
    /// Testing eight bytes at once lets plain text (nearly every cell) skip the per-byte loop.
    private static func maySpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = 0x7F * ones, high = 0x80 * ones
        func nonZero(_ value: UInt64) -> UInt64 { ((value & low7) &+ low7) | value }  // high bit per byte
        let notControl = ((word & low7) &+ 0x60 * ones) | word
        let plain = notControl & nonZero(word ^ 0x22 * ones) & nonZero((word & (0xFE * ones)) ^ 0x26 * ones)
            & nonZero((word & (0xFD * ones)) ^ 0x3C * ones) & nonZero(word ^ 0xEF * ones)
        return ~plain & high != 0
    }

    /// How many bytes of `word` continue a UTF-8 sequence (10xxxxxx): the rest start a scalar.
    /// The flags (one bit per byte) are summed by a multiplication into the top byte: for the
    /// baseline x86-64 target, `nonzeroBitCount` has no popcount instruction and costs more.
    private static func continuationBytes(_ word: UInt64) -> Int {
        let flags = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
        return Int(truncatingIfNeeded: (flags &* 0x0101_0101_0101_0101) >> 56)
    }

    /// The bytes below 0x40 that the loop must look at: C0 controls, `"`, `&`, `'`, `<`, `>`.
    private static let specialBelow40: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x27
        | 1 << 0x3C | 1 << 0x3E

    /// One shift and test instead of a chain of comparisons per byte; 0xEF may start U+FFFE
    /// or U+FFFF.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x40 ? specialBelow40 >> byte & 1 != 0 : byte == 0xEF
    }
}

extension String {
    /// The longest prefix of whole characters that fits in `limit` UTF-16 code units, the
    /// unit Excel counts in (31 for sheet names, 32,767 for cell text).
    func truncated(toUTF16Length limit: Int) -> String {
        guard utf16.count > limit else { return self }
        var result = ""
        var length = 0
        for character in self {
            length += character.utf16.count
            if length > limit { break }
            result.append(character)
        }
        return result
    }
}
