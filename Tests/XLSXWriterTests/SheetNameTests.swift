import Testing
import XLSXWriter

@Suite struct SheetNameTests {
    private func names(_ input: [String]) -> [String] {
        Workbook(sheets: input.map { Worksheet(name: $0, rows: []) }).sheetNames
    }

    @Test func keepsAcceptableNames() {
        #expect(names(["Sistemas", "Nóminas 2024", "A&B"]) == ["Sistemas", "Nóminas 2024", "A&B"])
    }

    @Test func replacesForbiddenCharacters() {
        #expect(names(["Q1/Q2: [draft]*?\\", "tab\there"]) == ["Q1_Q2_ _draft____", "tab_here"])
    }

    @Test func cutsToThirtyOneUTF16Units() {
        let cut = names([String(repeating: "x", count: 40), String(repeating: "😀", count: 20)])
        #expect(cut == [String(repeating: "x", count: 31), String(repeating: "😀", count: 15)])
    }

    @Test func trimsApostrophesAndFallsBackWhenEmpty() {
        #expect(names(["'quoted'", "", "'''"]) == ["quoted", "Sheet2", "Sheet3"])
    }

    @Test func avoidsTheReservedName() {
        #expect(names(["History"]) == ["History_"])
    }

    @Test func makesNamesUniqueIgnoringCase() {
        let long = String(repeating: "n", count: 31)
        #expect(names(["Data", "data", "DATA", long, long])
                == ["Data", "data (2)", "DATA (3)", long, String(repeating: "n", count: 27) + " (2)"])
    }

    @Test func escapesNamesInTheWorkbookPart() throws {
        let workbook = Workbook(sheets: [Worksheet(name: "Tom & \"Jerry\" <3>", rows: [])])
        let xml = try #require(try ZipReader(workbook.bytes()).text("xl/workbook.xml"))
        #expect(xml.contains("name=\"Tom &amp; &quot;Jerry&quot; &lt;3&gt;\""))
    }
}
