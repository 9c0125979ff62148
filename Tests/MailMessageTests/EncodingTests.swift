import MailMessage
import Testing

@Suite("Base64")
struct Base64Tests {
    @Test("RFC 4648 §10 test vectors", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
    }

    @Test func allByteValuesRoundTripOnOneLine() {
        let bytes = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        let text = Base64.encode(bytes)
        #expect(!text.contains("\r") && !text.contains("\n"))
        #expect(TestDecode.base64(text) == bytes)
    }

    @Test func wrappedLinesAreAtMost76AndCRLFSeparated() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let wrapped = Base64.encode(bytes, lineLength: 76)
        let lines = wrapped.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect(lines.allSatisfy { $0.utf8.count <= 76 && !$0.isEmpty })
        #expect(lines.joined() == Base64.encode(bytes))
        #expect(!wrapped.hasSuffix("\r\n"))
        // 57 bytes make exactly one 76-character line: no empty line after it.
        #expect(Base64.encode(Array(bytes.prefix(57)), lineLength: 76).utf8.count == 76)
    }
}

@Suite("Quoted-printable")
struct QuotedPrintableTests {
    private func lines(_ encoded: String) -> [Substring] {
        Array(encoded.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast())
    }

    @Test func seventySixCharactersStayOnOneLine() {
        let line = String(repeating: "a", count: 76)
        #expect(QuotedPrintable.encode(line + "\n") == line + "\r\n")
    }

    @Test func seventySevenCharactersGetASoftBreak() {
        let encoded = QuotedPrintable.encode(String(repeating: "a", count: 77))
        #expect(encoded == String(repeating: "a", count: 75) + "=\r\naa\r\n")
    }

    @Test func equalsSignIsEscaped() {
        #expect(QuotedPrintable.encode("a=b\n") == "a=3Db\r\n")
    }

    @Test func trailingSpaceAndTabAreEscapedInnerOnesAreNot() {
        #expect(QuotedPrintable.encode("a b \nc\td\t\n") == "a b=20\r\nc\td=09\r\n")
    }

    @Test func nonASCIIBecomesUTF8Escapes() {
        #expect(QuotedPrintable.encode("actualización\n") == "actualizaci=C3=B3n\r\n")
    }

    @Test func lineEndingsBecomeCRLFAndAFinalOneIsAdded() {
        #expect(QuotedPrintable.encode("a\r\nb\rc\n\nd") == "a\r\nb\r\nc\r\n\r\nd\r\n")
        #expect(QuotedPrintable.encode("") == "")
    }

    @Test("long lines stay within 76, keep scalars whole and round-trip", arguments: [
        String(repeating: "ñ", count: 150), String(repeating: "x= ", count: 60),
        String(repeating: "a", count: 74) + "ó" + String(repeating: "b", count: 80),
        String(repeating: "😀 ", count: 40), String(repeating: " ", count: 100),
    ])
    func longLines(text: String) {
        let encoded = QuotedPrintable.encode(text + "\n")
        for line in lines(encoded) {
            #expect(line.utf8.count <= 76)
            #expect(line.last != " " && line.last != "\t")
            // Each encoded line decodes to whole UTF-8 characters on its own.
            let decoded = TestDecode.quotedPrintable(String(line))
            #expect(decoded.flatMap { String(validating: $0, as: UTF8.self) } != nil)
        }
        #expect(TestDecode.quotedPrintable(encoded) == Array((text + "\n").utf8))
    }
}

@Suite("RFC 2047 encoded-words")
struct EncodedWordTests {
    @Test func spanishSubjectIsOneReadableQWord() {
        #expect(EncodedWord.encode("Solicitud de claves para actualización sin costo")
            == ["=?UTF-8?Q?Solicitud_de_claves_para_actualizaci=C3=B3n_sin_costo?="])
    }

    @Test func specialsAreEscapedInQ() {
        let words = EncodedWord.encode("Solicitud de claves para actualización sin costo = \"gratis\"?_")
        #expect(words.count == 2)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?Q?") && $0.hasSuffix("?=") })
        let payload = words.map { $0.dropFirst(10).dropLast(2) }.joined()
        #expect(payload == "Solicitud_de_claves_para_actualizaci=C3=B3n_sin_costo_=3D_=22gratis=22=3F=5F")
    }

    @Test func punctuationHeavyTextUsesTheShorterB() {
        #expect(EncodedWord.encode("Pérez, Juan") == ["=?UTF-8?B?UMOpcmV6LCBKdWFu?="])
    }

    @Test func mostlyNonLatinTextUsesB() {
        let words = EncodedWord.encode("日本語テキスト")
        #expect(words == ["=?UTF-8?B?5pel5pys6Kqe44OG44Kt44K544OI?="])
    }

    @Test("words are short, decode alone and rebuild the text", arguments: [
        String(repeating: "ó", count: 100),
        String(repeating: "a", count: 200),
        "Solicitud de claves para actualización sin costo — Compañía Ñandú, 日本語 😀😀😀 fin",
        String(repeating: "👨‍👩‍👧", count: 10),
        String(repeating: "€", count: 61),
    ])
    func splitting(text: String) {
        for first in [75, 68, 30, 5] {
            let words = EncodedWord.encode(text, firstWordMaxLength: first)
            #expect(words.count > 1)
            #expect(words[0].utf8.count <= max(first, 24))
            #expect(words.allSatisfy { $0.utf8.count <= EncodedWord.maximumLength })
            let decoded = words.map(TestDecode.encodedWord)
            #expect(decoded.allSatisfy { $0 != nil })
            #expect(decoded.map { $0 ?? "" }.joined() == text)
        }
    }

    static let longNames = [
        "José María Fernández de la Peña Ñúñez Gutiérrez Hernández Rodríguez",
        "Óscar Iñaki Núñez Pérez Gómez Jiménez Martínez Ramírez",
        (0..<60).map { ["Él", "Tú", "Sé", "Mí", "Té", "Dé"][$0 % 6] }.joined(separator: " "),
        "Ñúñez  Pérez   Gómez Jiménez Martínez Ramírez Fernández Gutiérrez",
    ]

    /// Keeping words whole, a word ends only before a run of the text's spaces, and the
    /// next word carries that run: readers that keep the white space between encoded-words
    /// then show at most an extra space, never "Rodrígu ez".
    @Test("keeping words whole, breaks fall only before the text's spaces", arguments: longNames)
    func keepingWordsWhole(name: String) {
        for first in [75, 71, 40] {
            let words = EncodedWord.encode(name, firstWordMaxLength: first, keepingWordsWhole: true)
            #expect(words.count > 1)
            #expect(words[0].utf8.count <= first)
            #expect(words.allSatisfy { $0.utf8.count <= EncodedWord.maximumLength })
            let decoded = words.map { TestDecode.encodedWord($0) ?? "?" }
            #expect(decoded.joined() == name)
            #expect(decoded.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "\(decoded)")
            #expect(decoded.allSatisfy { !$0.hasSuffix(" ") }, "\(decoded)")
        }
    }

    @Test func onlyAWordLongerThanAnEncodedWordIsSplit() {
        let name = "José " + String(repeating: "Ñ", count: 40) + " Núñez"
        let decoded = EncodedWord.encode(name, keepingWordsWhole: true).map { TestDecode.encodedWord($0) ?? "?" }
        #expect(decoded.joined() == name)
        let midWord = zip(decoded, decoded.dropFirst()).filter { !$1.hasPrefix(" ") }
        #expect(!midWord.isEmpty)
        #expect(midWord.allSatisfy { $0.hasSuffix("Ñ") && $1.hasPrefix("Ñ") }, "\(decoded)")
    }

    /// A first word too wide for what is left of the header's first line gets a whole
    /// encoded-word (folding then gives it a line of its own) instead of being split.
    @Test func aFirstWordTooWideForTheFirstLineIsNotSplit() {
        let name = "Hernández-Fernández Núñez Pérez Gómez Jiménez Martínez"
        let whole = EncodedWord.encode(name, firstWordMaxLength: 36, keepingWordsWhole: true)
        let decoded = whole.map { TestDecode.encodedWord($0) ?? "?" }
        #expect(decoded.joined() == name)
        #expect(decoded[0].hasPrefix("Hernández-Fernández"))
        #expect(whole[0].utf8.count > 36 && whole[0].utf8.count <= EncodedWord.maximumLength)
        #expect(decoded.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        let anywhere = EncodedWord.encode(name, firstWordMaxLength: 36)
        #expect(anywhere[0].utf8.count <= 36)
    }

    @Test func emptyTextHasNoWords() {
        #expect(EncodedWord.encode("").isEmpty)
    }
}
