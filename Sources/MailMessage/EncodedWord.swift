/// RFC 2047 encoded-words (`=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=`) for non-ASCII header text.
public enum EncodedWord {
    /// The longest encoded-word RFC 2047 §2 allows.
    public static let maximumLength = 75

    /// Space taken by `=?UTF-8?Q?` and `?=` around the encoded text.
    private static let overhead = 12
    /// Enough room for the widest scalar: four bytes cost 12 characters in Q.
    private static let smallestUsableLength = overhead + 12

    /// Encodes `text` as a sequence of encoded-words, to be joined by folding white space.
    ///
    /// Decoders drop the white space between adjacent encoded-words, so the text's own
    /// spaces are carried inside the words. Each word is at most ``maximumLength``
    /// characters (the first at most `firstWordMaxLength`, so it fits on the line after a
    /// header name; values below 24 are raised to 24, since one scalar may need that much),
    /// and no word ends in the middle of a UTF-8 sequence, so each word decodes on its own.
    /// The Q encoding is used unless B is shorter for this text; Q's safe characters are the
    /// ones RFC 2047 §5 allows inside a phrase, so the words are valid in any header.
    /// An empty `text` gives no words.
    public static func encode(_ text: String,
                              firstWordMaxLength: Int = maximumLength) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        let useQ = qLength(of: scalars) <= Base64.encodedLength(ofByteCount: text.utf8.count)
        var words: [String] = []
        var chunk: [UInt8] = []
        var chunkLength = 0  // encoded length of `chunk` (meaningful for Q)
        var limit = max(min(firstWordMaxLength, maximumLength), smallestUsableLength) - overhead

        func flush() {
            words.append(useQ ? qWord(chunk) : bWord(chunk))
            chunk.removeAll(keepingCapacity: true)
            chunkLength = 0
            limit = maximumLength - overhead
        }

        for scalar in scalars {
            let bytes = Array(scalar.utf8)
            let fits: Bool
            if useQ {
                let cost = bytes.reduce(0) { $0 + qCost(of: $1) }
                fits = chunkLength + cost <= limit
                if !fits { flush() }
                chunkLength += cost
            } else {
                fits = Base64.encodedLength(ofByteCount: chunk.count + bytes.count) <= limit
                if !fits { flush() }
            }
            chunk.append(contentsOf: bytes)
        }
        flush()
        return words
    }

    /// Letters, digits and `! * + - /`: the only characters RFC 2047 §5(3) lets a Q word
    /// carry literally in a phrase. Space becomes `_`.
    private static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "/"), UInt8(ascii: " "):
            return true
        default:
            return false
        }
    }

    private static func qCost(of byte: UInt8) -> Int { isQLiteral(byte) ? 1 : 3 }

    private static func qLength(of scalars: [Unicode.Scalar]) -> Int {
        scalars.reduce(0) { total, scalar in
            scalar.utf8.reduce(total) { $0 + qCost(of: $1) }
        }
    }

    private static func qWord(_ bytes: [UInt8]) -> String {
        var word = "=?UTF-8?Q?"
        word.reserveCapacity(overhead + bytes.count * 3)
        for byte in bytes {
            if byte == UInt8(ascii: " ") {
                word.append("_")
            } else if isQLiteral(byte) {
                word.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                Hex.appendEscape(byte, prefix: "=", to: &word)
            }
        }
        return word + "?="
    }

    private static func bWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Base64.encode(bytes) + "?="
    }
}
