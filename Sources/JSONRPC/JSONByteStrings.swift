// Writing long byte strings into JSON: the e-mail message (tens to hundreds of kilobytes)
// and the workbook's base64, where the per-String path of `string(_:)` is too slow.

extension JSONWriter {
    /// Writes UTF-8 `text` as a JSON string, escaped exactly as `string(_:)` escapes a
    /// `String`. With `escaping: false` the caller vouches that no byte needs an escape (no
    /// control character, `"` or `\`), as for base64, and the bytes are copied as they are.
    public mutating func string(utf8 text: [UInt8], escaping: Bool) {
        raw([])  // the separating comma, if one is due; the value itself follows
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: escaping ? JSONEscaping.escaped(text) : text)
        bytes.append(UInt8(ascii: "\""))
    }
}

/// JSON string escaping for long byte strings such as a whole e-mail message, which is mostly
/// base64 lines where only the CRLF every 78 bytes needs an escape. Eight bytes are tested
/// at once and stored with one write when none needs escaping; in a word that has some,
/// the exact positions come from the test's bit mask. The escapes are those
/// `JSONWriter.string(_:)` writes.
enum JSONEscaping {
    /// `text` escaped (without the quotes).
    static func escaped(_ text: [UInt8]) -> [UInt8] {
        text.withUnsafeBufferPointer { source in
            // Room for one escape in four bytes, far more than a message has (two per line);
            // a text with more is redone with room for the worst case, six bytes for every
            // byte. The 8 spare bytes let every word be stored whole, even at the end.
            if let result = escaped(source, capacity: source.count + source.count / 4 + 64) {
                return result
            }
            return escaped(source, capacity: source.count * 6 + 8)!
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is below 0x20, `"` or `\`. Exact: the
    /// additions stay within each byte (at most 0x7F + 0x7F), so no carry crosses bytes.
    private static func escapeMask(_ word: UInt64) -> UInt64 {
        let notControl = ((word & low7) &+ ones &* 0x60) | word  // high bit: byte >= 0x20
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let notQuote = ((quote & low7) &+ low7) | quote  // high bit: byte != 0x22
        let notBackslash = ((backslash & low7) &+ low7) | backslash
        return ~(notControl & notQuote & notBackslash) & high
    }

    /// Nil when `capacity` turns out too small.
    private static func escaped(_ source: UnsafeBufferPointer<UInt8>, capacity: Int) -> [UInt8]? {
        var fits = true
        let result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!)
            let input = UnsafeRawPointer(source.baseAddress!)
            var written = 0
            var index = 0
            while source.count - index >= 8 {
                // The most a word can take: six bytes each, plus a whole-word store's spill.
                guard capacity - written >= 56 else { fits = false; break }
                let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                var mask = escapeMask(word)
                if mask == 0 {  // the usual case: the eight bytes as they are
                    out.storeBytes(of: word.littleEndian, toByteOffset: written, as: UInt64.self)
                    written &+= 8
                    index &+= 8
                    continue
                }
                var done = 0  // bytes of `word` already written
                while mask != 0 {
                    let position = mask.trailingZeroBitCount >> 3
                    // Writes the bytes before `position` (and some after, overwritten next).
                    out.storeBytes(of: (word >> (8 * done)).littleEndian, toByteOffset: written, as: UInt64.self)
                    written += position - done
                    written += writeEscape(UInt8(truncatingIfNeeded: word >> (8 * position)), to: out + written)
                    done = position + 1
                    mask &= mask - 1
                }
                if done < 8 {
                    out.storeBytes(of: (word >> (8 * done)).littleEndian, toByteOffset: written, as: UInt64.self)
                    written += 8 - done
                }
                index += 8
            }
            while fits && index < source.count {
                guard capacity - written >= 6 else { fits = false; break }
                let byte = source[index]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                    written += writeEscape(byte, to: out + written)
                } else {
                    out.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
                    written += 1
                }
                index += 1
            }
            initialized = written
        }
        return fits ? result : nil
    }

    /// Writes the escape of `byte` (one that needs one) and returns its length: the short
    /// forms, else `\u00xx` in lower case.
    private static func writeEscape(_ byte: UInt8, to out: UnsafeMutableRawPointer) -> Int {
        let short: UInt8
        switch byte {
        case 0x22, 0x5C: short = byte
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            let bytes = [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                         hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]]
            for (offset, value) in bytes.enumerated() { out.storeBytes(of: value, toByteOffset: offset, as: UInt8.self) }
            return 6
        }
        out.storeBytes(of: UInt8(ascii: "\\"), as: UInt8.self)
        out.storeBytes(of: short, toByteOffset: 1, as: UInt8.self)
        return 2
    }
}
