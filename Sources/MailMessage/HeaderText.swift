/// Turns arbitrary caller text into safe header tokens.
enum HeaderText {
    /// Plain tokens longer than this are sent as encoded-words instead, which can be split,
    /// so that no header line can reach the 998-character limit.
    static let longestPlainToken = 900

    /// Replaces every control character (C0 including CR, LF and TAB, DEL, C1) and the
    /// Unicode line and paragraph separators with a space, then trims surrounding spaces.
    ///
    /// The service rejects such input already; this is defence in depth, so that no caller
    /// text can ever end a header line and start a forged one (e.g. a `Bcc:`).
    static func sanitized(_ text: String) -> String {
        if isClean(text) { return text }
        var clean = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                clean.append(" ")
            default:
                clean.append(scalar)
            }
        }
        let trimmed = clean.drop { $0 == " " }
        let end = trimmed.lastIndex { $0 != " " }.map { trimmed.index(after: $0) }
        return String(String.UnicodeScalarView(trimmed[..<(end ?? trimmed.startIndex)]))
    }

    /// Whether `sanitized` would return `text` unchanged, decided on the UTF-8 bytes so the
    /// usual case costs no Unicode property lookups: no edge space, no C0 or DEL byte, no
    /// C1 control (C2 80–C2 9F) and no U+2028/U+2029 (E2 80 A8/A9), which are exactly the
    /// scalars of general category Cc, Zl and Zp.
    private static func isClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            guard first != UInt8(ascii: " "), last != UInt8(ascii: " ") else { return false }
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { return false }
                // A valid lead byte C2 or E2 is followed by its continuation bytes.
                if byte == 0xC2 && bytes[index + 1] < 0xA0 { return false }
                if byte == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xFE) == 0xA8 { return false }
            }
            return true
        }
    }

    /// An address or message id as it may appear in a header.
    ///
    /// Callers validate these; this only guarantees the header stays well-formed if a bad one
    /// slipped through: control characters, white space, angle brackets and non-ASCII
    /// characters are removed, and the length is capped far above any deliverable address
    /// (RFC 5321 allows 254) so no header line can exceed 998 characters.
    static func sanitizedAddress(_ text: String) -> String {
        let isSafe = text.utf8.count <= longestPlainToken && text.utf8.allSatisfy {
            (33...126).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
        }
        if isSafe { return text }  // every valid address: nothing to remove
        var clean = ""
        var kept = 0
        for scalar in text.unicodeScalars where kept < longestPlainToken {
            if (33...126).contains(scalar.value) && scalar != "<" && scalar != ">" {
                clean.unicodeScalars.append(scalar)
                kept += 1
            }
        }
        return clean
    }

    /// Tokens for an unstructured value such as `Subject`, which starts `firstLineUsed`
    /// characters into its line (the header name, colon and space).
    static func unstructured(_ text: String, firstLineUsed: Int) -> [HeaderToken] {
        let clean = sanitized(text)
        if let plain = plainWords(clean) {
            return plain
        }
        return encodedWords(clean, firstLineUsed: firstLineUsed)
    }

    /// Tokens for a display name (an RFC 5322 `phrase`): bare atoms when possible, else one
    /// quoted-string, else encoded-words for non-ASCII or very long names.
    static func phrase(_ text: String, firstLineUsed: Int) -> [HeaderToken] {
        let clean = sanitized(text)
        guard !clean.isEmpty else { return [] }
        if let plain = plainWords(clean),
           clean.utf8.allSatisfy({ isAtext($0) || $0 == UInt8(ascii: " ") }),
           !containsPair(clean, UInt8(ascii: " "), UInt8(ascii: " ")) {
            return plain
        }
        if isPlainASCII(clean) && !containsPair(clean, UInt8(ascii: "="), UInt8(ascii: "?")) {
            let quoted = quotedString(clean)
            // Only while it still fits on one continuation line; a quoted-string is not
            // split, and encoded-words carry the same text exactly.
            if quoted.utf8.count <= HeaderField.preferredLineLength - 2 {
                return [HeaderToken(quoted)]
            }
        }
        let encoded = encodedWords(clean, firstLineUsed: firstLineUsed, keepingWordsWhole: true)
        if encoded.count == 1 || clean.contains("  ") { return encoded }
        return mixedWords(clean, firstLineUsed: firstLineUsed)
    }

    /// A long display name as plain atoms where its words allow, encoded-words elsewhere, each
    /// run of words that need encoding kept in as few encoded-words as possible.
    ///
    /// RFC 2047 §6.2 drops the white space between two adjacent encoded-words, but some
    /// readers keep it (Python's `email` with its default policy, CPython issue 128110), so a
    /// name split across encoded-words in mid-word reads back as "Fernán dez" there. Between
    /// an atom and an encoded-word the space is significant for every reader, so an atom
    /// reads the same everywhere; a run of non-ASCII words longer than one encoded-word is
    /// split before one of its own spaces, which starts the next encoded-word: exact for
    /// RFC 2047 readers, a doubled space for the others, never a word cut in two.
    private static func mixedWords(_ text: String, firstLineUsed: Int) -> [HeaderToken] {
        var tokens: [HeaderToken] = []
        var run: [Substring] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            let used = tokens.isEmpty ? firstLineUsed : 0
            tokens += encodedWords(run.joined(separator: " "), firstLineUsed: used, keepingWordsWhole: true)
            run.removeAll()
        }
        for word in text.split(separator: " ") {
            let plain = word.utf8.count <= HeaderField.preferredLineLength - 2 && !word.contains("=?")
                && word.utf8.allSatisfy(isAtext)
            if plain {
                flushRun()
                tokens.append(HeaderToken(String(word)))
            } else {
                run.append(word)
            }
        }
        flushRun()
        return tokens
    }

    /// Printable ASCII that cannot be mistaken for an encoded-word, split before each run of
    /// spaces; nil when the text needs encoding.
    private static func plainWords(_ text: String) -> [HeaderToken]? {
        guard isPlainASCII(text), !containsPair(text, UInt8(ascii: "="), UInt8(ascii: "?")) else { return nil }
        var tokens: [HeaderToken] = []
        var text = text
        let fits = text.withUTF8 { bytes in
            var spaces = 0
            var wordStart = 0
            for index in 0...bytes.count {
                let isSpace = index < bytes.count && bytes[index] == UInt8(ascii: " ")
                if isSpace || index == bytes.count {
                    if index > wordStart {
                        guard index - wordStart <= longestPlainToken else { return false }
                        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<index]), as: UTF8.self)
                        tokens.append(HeaderToken(word, afterSpaces: tokens.isEmpty ? 1 : spaces))
                        spaces = 0
                    }
                    spaces += 1
                    wordStart = index + 1
                }
            }
            return true
        }
        return fits ? tokens : nil
    }

    private static func encodedWords(_ text: String, firstLineUsed: Int, keepingWordsWhole: Bool = false) -> [HeaderToken] {
        let first = HeaderField.preferredLineLength - firstLineUsed - 1
        return EncodedWord.encode(text, firstWordMaxLength: first, keepingWordsWhole: keepingWordsWhole).map { HeaderToken($0) }
    }

    /// An RFC 5322 quoted-string: the text in double quotes, with `"` and `\` escaped.
    static func quotedString(_ text: String) -> String {
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// Whether `first` is directly followed by `second` in `text`. Only for text known to be
    /// ASCII, where bytes are characters (`String.contains` compares whole graphemes).
    static func containsPair(_ text: String, _ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == first && byte == second { return true }
            previous = byte
        }
        return false
    }

    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (32...126).contains($0) }
    }

    /// RFC 5322 §3.2.3 `atext`: what a display-name word may contain without quoting.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
