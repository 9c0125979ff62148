import Testing
import XLSXWriter

/// The vendor's example relation of systems.
let vendorSample = Worksheet(name: "Sistemas", rows: [
    ["Nombre de la empresa", "Nombre del contacto", "Correo electrónico", "Tipo de sistema", "Número de serie"],
] + [
    ("CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-DDDD"),
    ("CONTPAQ i Contabilidad", "AAAA-BBBB-CCCC-EEEE"),
    ("CONTPAQ i Nóminas", "AAAA-BBBB-CCCC-FFFF"),
    ("CONTPAQ i Bancos", "AAAA-BBBB-CCCC-GGGG"),
].map { system, serial in
    ["Empresa de muestra, S.A. de C.V.", "Raul Gonzalez Rivera", "rgonzalez@empresamuestra.com.mx", system, serial]
})

@Suite struct WorkbookTests {
    @Test func packageHoldsTheMinimalParts() throws {
        let paths = try parts(of: Workbook(sheets: [vendorSample])).entries.map(\.path)
        #expect(paths == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                          "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"])
    }

    @Test func vendorSampleCellsAreWrittenInOrder() throws {
        let sheet = try #require(try parts(of: Workbook(sheets: [vendorSample])).text("xl/worksheets/sheet1.xml"))
        let expected = vendorSample.rows.enumerated().flatMap { rowIndex, row in
            row.enumerated().map { columnIndex, text in
                WrittenCell(reference: CellReference.reference(row: rowIndex + 1, column: columnIndex + 1),
                            bold: rowIndex == 0, text: text)
            }
        }
        #expect(writtenCells(sheet) == expected)
        #expect(sheet.contains("<dimension ref=\"A1:E5\"/>"))
        #expect(sheet.contains("t=\"inlineStr\""))
        #expect(sheet.contains("state=\"frozen\""), "the header row stays in view")
    }

    @Test func workbookNamesTheSheetAndStylesMakeIndexOneBold() throws {
        let package = try parts(of: Workbook(sheets: [vendorSample]))
        let workbook = try #require(package.text("xl/workbook.xml"))
        #expect(workbook.contains("<sheet name=\"Sistemas\" sheetId=\"1\" r:id=\"rId1\"/>"))
        let styles = try #require(package.text("xl/styles.xml"))
        let cellXfs = try #require(element("cellXfs", in: styles))
        let xfs = cellXfs.split(separator: "<xf ").dropFirst()
        #expect(xfs.count == 2)
        #expect(xfs.last?.contains("fontId=\"1\"") == true)
        let fonts = try #require(element("fonts", in: styles))
        #expect(fonts.split(separator: "<font>").dropFirst().map { $0.contains("<b/>") } == [false, true])
    }

    @Test func sameInputGivesSameBytes() {
        let copy = Worksheet(name: "Sistemas", rows: vendorSample.rows)
        #expect(Workbook(sheets: [vendorSample]).bytes() == Workbook(sheets: [copy]).bytes())
        #expect(Workbook(sheets: [vendorSample]).bytes() != Workbook(sheets: [copy, copy]).bytes())
    }

    @Test func columnWidthsFollowTheLongestLineWithinBounds() throws {
        let sheet = Worksheet(name: "W", rows: [
            ["id", "a fairly long header here", "x"],  // bold: 25 scalars count as 28
            ["1", "short", String(repeating: "é", count: 200)],
            ["2", "line one\nline two is longer", ""],
        ])
        let xml = try #require(try parts(of: Workbook(sheets: [sheet])).text("xl/worksheets/sheet1.xml"))
        #expect(element("cols", in: xml) == "<cols>"
            + "<col min=\"1\" max=\"1\" width=\"8\" customWidth=\"1\"/>"
            + "<col min=\"2\" max=\"2\" width=\"30\" customWidth=\"1\"/>"
            + "<col min=\"3\" max=\"3\" width=\"80\" customWidth=\"1\"/></cols>")
    }

    @Test func escapesCellTextAndDropsForbiddenCharacters() throws {
        let sheet = Worksheet(name: "S", rows: [["<b>Tom & \"Jerry's\"</b>", "bell\u{7}\u{FFFF}"]],
                              boldFirstRow: false)
        let xml = try #require(try parts(of: Workbook(sheets: [sheet])).text("xl/worksheets/sheet1.xml"))
        #expect(writtenCells(xml) == [
            WrittenCell(reference: "A1", bold: false, text: "&lt;b&gt;Tom &amp; &quot;Jerry&apos;s&quot;&lt;/b&gt;"),
            WrittenCell(reference: "B1", bold: false, text: "bell\u{FFFD}\u{FFFD}"),
        ])
        #expect(!xml.contains("frozen"), "no header, nothing to freeze")
    }

    @Test func whiteSpaceIsPreservedOnlyWhereXMLCouldLoseIt() throws {
        let texts = ["plain text", " leading", "trailing ", "two  spaces", "tab\there", "line\nbreak", " "]
        let sheet = try #require(try parts(of: Workbook(sheets: [Worksheet(name: "S", rows: [texts])]))
            .text("xl/worksheets/sheet1.xml"))
        let opening = sheet.split(separator: "<is>").dropFirst().map { $0.prefix { $0 != ">" } + ">" }
        #expect(opening == ["<t>"] + Array(repeating: "<t xml:space=\"preserve\">", count: 6))
        #expect(writtenCells(sheet).map(\.text) == ["plain text", " leading", "trailing ", "two  spaces",
                                                   "tab\there", "line\nbreak", " "])
    }

    @Test func emptyStringsAndJaggedRowsLeaveCellsOut() throws {
        let sheet = Worksheet(name: "J", rows: [["a"], ["", "b", "", "c"], []])
        let xml = try #require(try parts(of: Workbook(sheets: [sheet])).text("xl/worksheets/sheet1.xml"))
        #expect(writtenCells(xml).map(\.reference) == ["A1", "B2", "D2"])
        #expect(xml.contains("<dimension ref=\"A1:D3\"/>"))
        #expect(xml.contains("<row r=\"3\"></row>"))
    }

    @Test func wideSheetsUseMultiLetterColumns() throws {
        let row = (1...30).map { "c\($0)" }
        let xml = try #require(try parts(of: Workbook(sheets: [Worksheet(name: "Wide", rows: [row])]))
            .text("xl/worksheets/sheet1.xml"))
        #expect(writtenCells(xml).map(\.reference).suffix(5) == ["Z1", "AA1", "AB1", "AC1", "AD1"])
        #expect(xml.contains("<dimension ref=\"A1:AD1\"/>"))
    }

    @Test func aThousandRowsStayStructurallySound() throws {
        let rows = [vendorSample.rows[0]] + (0..<1_000).map { vendorSample.rows[1 + $0 % 4] }
        let xml = try #require(try parts(of: Workbook(sheets: [Worksheet(name: "Sistemas", rows: rows)]))
            .text("xl/worksheets/sheet1.xml"))
        let cells = writtenCells(xml)
        #expect(cells.count == 5_005)
        #expect(cells.last == WrittenCell(reference: "E1001", bold: false, text: "AAAA-BBBB-CCCC-GGGG"))
        #expect(xml.contains("<dimension ref=\"A1:E1001\"/>"))
    }

    @Test func emptyWorkbookStillHasOneValidSheet() throws {
        let workbook = Workbook(sheets: [])
        #expect(workbook.sheetNames == ["Sheet1"])
        let xml = try #require(try parts(of: workbook).text("xl/worksheets/sheet1.xml"))
        #expect(xml.contains("<dimension ref=\"A1\"/>"))
        #expect(!xml.contains("<cols"), "an empty <cols> element is invalid")
        #expect(xml.contains("<sheetData></sheetData>"))
    }

    @Test func overlongCellTextIsCutToExcelsLimit() throws {
        let long = String(repeating: "ab", count: 20_000)
        let xml = try #require(try parts(of: Workbook(sheets: [Worksheet(name: "L", rows: [[long]])]))
            .text("xl/worksheets/sheet1.xml"))
        #expect(writtenCells(xml).first?.text.utf16.count == 32_767)
    }

    @Test func everySheetGetsItsPartTypeAndRelationship() throws {
        let sheets = ["One", "Two", "Three"].map { Worksheet(name: $0, rows: [[$0]]) }
        let package = try parts(of: Workbook(sheets: sheets))
        let types = try #require(package.text("[Content_Types].xml"))
        let relationships = try #require(package.text("xl/_rels/workbook.xml.rels"))
        let workbook = try #require(package.text("xl/workbook.xml"))
        for index in 1...3 {
            #expect(types.contains("PartName=\"/xl/worksheets/sheet\(index).xml\""))
            #expect(relationships.contains("Id=\"rId\(index)\""))
            #expect(relationships.contains("Target=\"worksheets/sheet\(index).xml\""))
            let cells = writtenCells(try #require(package.text("xl/worksheets/sheet\(index).xml")))
            #expect(cells.map(\.text) == [sheets[index - 1].rows[0][0]])
        }
        #expect(relationships.contains("Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\""))
        #expect(workbook.contains("name=\"Three\" sheetId=\"3\" r:id=\"rId3\""))
        let selected = (1...3).map { package.text("xl/worksheets/sheet\($0).xml")?.contains("tabSelected") }
        #expect(selected == [true, false, false])
    }
}
