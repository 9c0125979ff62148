/// Folding of free text typed by a person into comparable words: lower case, no accents,
/// dashes and white space as word breaks. Done over Unicode scalars with the standard
/// library alone, so it behaves the same whether the input arrived composed (`ó`, U+00F3)
/// or decomposed (`o` + U+0301).
enum TextFolding {
    /// The words of `text`, folded, joined by single spaces, as UTF-8:
    /// `"CONTPAQ i – Nóminas"` gives `"contpaq i nominas"`.
    ///
    /// Bytes rather than an array of `String`s: words never contain a space, so equal
    /// results mean equal word lists, and comparing bytes needs no allocation per word.
    static func foldedWords(_ text: String) -> [UInt8] {
        var folded = [UInt8](repeating: 0, count: 4 * text.utf8.count)  // a scalar folds to at most 4× its bytes
        let count = folded.withUnsafeMutableBufferPointer { foldedWords(text, into: $0) }
        return Array(folded.prefix(count ?? 0))
    }

    /// ``foldedWords(_:)`` written into `buffer`, returning its length, or nil when it does
    /// not fit: matching a system type needs no more than a few dozen bytes, and a buffer on
    /// the stack spares the allocation (one system type is read per system in a request).
    static func foldedWords(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var text = text
        return text.withUTF8 { foldedWords(of: $0, into: buffer) }  // contiguous bytes: cheaper than scalars
    }

    private static func foldedWords(of bytes: UnsafeBufferPointer<UInt8>,
                                    into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var folded = FoldedWriter(buffer: buffer)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {  // most input: decided without Unicode property lookups
                if isASCIIBreak(byte) {
                    folded.endWord()
                } else {
                    guard folded.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte) else { return nil }
                }
                index += 1
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: index)
            index += length
            if isBreak(scalar) {
                folded.endWord()
            } else if !isCombiningAccent(scalar) {
                for byte in fold(scalar).utf8 {
                    guard folded.append(byte) else { return nil }
                }
            }
        }
        return folded.count
    }

    /// Appends folded bytes to a fixed buffer, with one space between words.
    private struct FoldedWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        var wordEnded = false  // a break after a word: a space is due before the next byte

        mutating func endWord() {
            wordEnded = count > 0
        }

        /// False when the buffer is full.
        mutating func append(_ byte: UInt8) -> Bool {
            if wordEnded {
                guard count < buffer.count else { return false }
                buffer[count] = UInt8(ascii: " ")
                count += 1
                wordEnded = false
            }
            guard count < buffer.count else { return false }
            buffer[count] = byte
            count += 1
            return true
        }
    }

    /// The scalar whose (valid, as in every `String`) UTF-8 starts at `index` with a lead
    /// byte of 0xC0 or more, and its length in bytes.
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
        let value: UInt32, length: Int
        if lead < 0xE0 {
            (value, length) = ((lead & 0x1F) << 6 | continuation(1), 2)
        } else if lead < 0xF0 {
            (value, length) = ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        } else {
            (value, length) = ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)  // never nil for valid UTF-8
    }

    /// `-` and the ASCII scalars with the Unicode White_Space property (tab, LF, VT, FF, CR,
    /// space): ``isBreak(_:)`` restricted to ASCII.
    private static func isASCIIBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
    }

    /// White space of any kind (tab, no-break space, …) and the dashes people and word
    /// processors put between "CONTPAQ i" and the system name.
    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}":
            true
        case "\u{A1}"..."\u{167F}":
            false  // no white space here (accented letters): skips the property lookup
        default:
            scalar.properties.isWhitespace
        }
    }

    /// Combining diacritical marks (U+0300–U+036F): the accent of a decomposed letter.
    private static func isCombiningAccent(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value)
    }

    /// One scalar in lower case without its accent. The Spanish accented letters are
    /// spelled out so the result never depends on a normalisation table.
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "á", "à", "ä", "â", "Á", "À", "Ä", "Â": "a"
        case "é", "è", "ë", "ê", "É", "È", "Ë", "Ê": "e"
        case "í", "ì", "ï", "î", "Í", "Ì", "Ï", "Î": "i"
        case "ó", "ò", "ö", "ô", "Ó", "Ò", "Ö", "Ô": "o"
        case "ú", "ù", "ü", "û", "Ú", "Ù", "Ü", "Û": "u"
        case "ñ", "Ñ": "n"
        default: scalar.properties.lowercaseMapping
        }
    }
}
