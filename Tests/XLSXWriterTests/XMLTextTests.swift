import Testing
import XLSXWriter

@Suite struct XMLTextTests {
    @Test func escapesTheFiveSpecialCharacters() {
        #expect(XMLText.escaped(#"a & b < c > d "e" 'f'"#)
                == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;")
    }

    @Test func leavesOrdinaryTextAlone() {
        let text = "Número de serie: ÁÉÍÓÚ ñ 😀 中文 \u{2028}"
        #expect(XMLText.escaped(text) == text)
    }

    @Test func keepsTabAndLineFeedInContentButNotInAttributes() {
        #expect(XMLText.escaped("a\tb\nc") == "a\tb\nc")
        #expect(XMLText.escaped("a\tb\nc", attribute: true) == "a&#9;b&#10;c")
    }

    @Test func writesCarriageReturnAsAReference() {
        #expect(XMLText.escaped("a\r\nb") == "a&#13;\nb")
    }

    @Test func replacesCharactersXMLForbids() {
        #expect(XMLText.escaped("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g")
        #expect(XMLText.escaped("x\u{FFFE}y\u{FFFF}z") == "x\u{FFFD}y\u{FFFD}z")
    }

    @Test func keepsNeighboursOfTheNoncharacters() {
        // U+FFFD and U+FFEF share the EF lead byte with U+FFFE/U+FFFF but are allowed.
        let text = "\u{FFFD}\u{FFEF}\u{F000}\u{E000}"
        #expect(XMLText.escaped(text) == text)
    }

    @Test func escapesAtTheEdges() {
        #expect(XMLText.escaped("") == "")
        #expect(XMLText.escaped("&") == "&amp;")
        #expect(XMLText.escaped("<<>>") == "&lt;&lt;&gt;&gt;")
    }
}

/// Plain text is scanned eight bytes at a time; a character to escape must be found at any
/// position of such a block, and the longest line (column width) counted across blocks.
@Suite struct XMLTextBlockTests {
    @Test(arguments: ["&", "<", ">", "\"", "'", "\r", "\u{1}", "\u{FFFE}"])
    func findsASpecialCharacterAtEveryOffset(special: String) {
        let escaped = XMLText.escaped(special)
        for offset in 0..<20 {
            let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 17)
            let expected = String(repeating: "a", count: offset) + escaped + String(repeating: "b", count: 17)
            #expect(XMLText.escaped(text) == expected, "offset \(offset)")
        }
    }

    @Test func longNonASCIITextIsLeftAlone() {
        let text = String(repeating: "Número ñ 😀 中文 ", count: 20)
        #expect(XMLText.escaped(text) == text)
        #expect(XMLText.escaped(text, attribute: true) == text)
    }
}
