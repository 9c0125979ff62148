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
    ///
    /// With `keepingWordsWhole`, for display names, a word ends only before a run of the
    /// text's spaces, which opens the next word: some readers keep the folding white space
    /// between encoded-words in a phrase (Python's `email` with its default policy), and there
    /// a break inside a word would show it split in two, while a break before a space only
    /// doubles that space. Only a word of the text too long for a whole encoded-word is split,
    /// and a first word that does not fit in `firstWordMaxLength` gets ``maximumLength``
    /// instead, as the header's folding then moves it to a line of its own.
    public static func encode(_ text: String, firstWordMaxLength: Int = maximumLength,
                              keepingWordsWhole: Bool = false) -> [String] {
        var text = text
        return text.withUTF8 { source in
            words(source, firstWordMaxLength: firstWordMaxLength, keepingWordsWhole: keepingWordsWhole)
                .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The words as bytes. Each word's text is a contiguous run of `source`, ended before
    /// the scalar that would make the word too long (or, keeping words whole, before the
    /// last run of spaces); the lead byte of valid UTF-8 tells each scalar's length.
    private static func words(_ source: UnsafeBufferPointer<UInt8>, firstWordMaxLength: Int,
                              keepingWordsWhole: Bool) -> [[UInt8]] {
        guard !source.isEmpty else { return [] }
        let qLength = source.reduce(0) { $0 + qCost(of: $1) }
        let useQ = qLength <= Base64.encodedLength(ofByteCount: source.count)
        let space = UInt8(ascii: " ")
        var words: [[UInt8]] = []
        var chunkStart = 0
        var chunkLength = 0  // encoded length of the chunk (meaningful for Q)
        var limit = max(min(firstWordMaxLength, maximumLength), smallestUsableLength) - overhead
        // Where the chunk's last run of spaces starts, and the chunk's length before it.
        var lastSpaces: (index: Int, lengthBefore: Int)?

        func emit(upTo end: Int) {
            words.append(word(UnsafeBufferPointer(rebasing: source[chunkStart..<end]), q: useQ))
            chunkStart = end
            limit = maximumLength - overhead
            lastSpaces = nil
        }

        var start = 0
        while start < source.count {
            let lead = source[start]
            let end = start + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4)
            if keepingWordsWhole && lead == space && start > chunkStart && source[start - 1] != space {
                lastSpaces = (start, chunkLength)
            }
            var cost = 0
            if useQ {
                for index in start..<end { cost += qCost(of: source[index]) }
            }
            func fits() -> Bool {
                useQ ? chunkLength + cost <= limit : Base64.encodedLength(ofByteCount: end - chunkStart) <= limit
            }
            // The text's first word is too wide for the first line: a whole word on the next.
            if !fits() && keepingWordsWhole && words.isEmpty && lastSpaces == nil {
                limit = maximumLength - overhead
            }
            // End the word before the last spaces; they and the word after them move on.
            if !fits(), let spaces = lastSpaces {
                emit(upTo: spaces.index)
                chunkLength -= spaces.lengthBefore
            }
            // No spaces to end at, or the word alone is too long: only then mid-word.
            if !fits() {
                emit(upTo: start)
                chunkLength = 0
            }
            chunkLength += cost
            start = end
        }
        words.append(word(UnsafeBufferPointer(rebasing: source[chunkStart...]), q: useQ))
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

    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, q: Bool) -> [UInt8] {
        var word: [UInt8] = []
        word.reserveCapacity(overhead + bytes.count * 3)
        if q {
            word.appendLiteral("=?UTF-8?Q?")
            for byte in bytes {
                if byte == UInt8(ascii: " ") {
                    word.append(UInt8(ascii: "_"))
                } else if isQLiteral(byte) {
                    word.append(byte)
                } else {
                    word.appendHexEscape(byte, prefix: UInt8(ascii: "="))
                }
            }
        } else {
            word.appendLiteral("=?UTF-8?B?")
            word += Base64.encodedBytes(Array(bytes))
        }
        word.appendLiteral("?=")
        return word
    }
}
