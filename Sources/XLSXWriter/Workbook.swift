/// One sheet of text cells, row-major: `rows[0]` is row 1, `rows[r][c]` column c + 1.
/// Rows may have different lengths; an empty string leaves its cell empty.
public struct Worksheet: Sendable {
    /// The name as given; `Workbook.sheetNames` holds the name actually written.
    public let name: String
    /// The cell texts, row-major.
    public let rows: [[String]]
    /// Whether row 1 is a header: bold, and frozen in view when there are more rows.
    public let boldFirstRow: Bool

    /// A sheet named `name` holding `rows`, with a bold header row unless `boldFirstRow` is false.
    public init(name: String, rows: [[String]], boldFirstRow: Bool = true) {
        self.name = name
        self.rows = rows
        self.boldFirstRow = boldFirstRow
    }
}

/// An Office Open XML spreadsheet (.xlsx) of text-only sheets, readable by Excel,
/// LibreOffice and openpyxl.
public struct Workbook: Sendable {
    /// The media type of the file `bytes()` returns.
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The sheets, in tab order; never empty, since a workbook needs at least one sheet.
    public let sheets: [Worksheet]
    /// The names written to the file: each made acceptable to Excel (at most 31 UTF-16
    /// units, no `[ ] : * ? / \`, no leading or trailing apostrophe) and unique ignoring case.
    public let sheetNames: [String]

    /// A workbook of `sheets`; an empty list gives one empty sheet named "Sheet1".
    public init(sheets: [Worksheet]) {
        self.sheets = sheets.isEmpty ? [Worksheet(name: "Sheet1", rows: [])] : sheets
        self.sheetNames = SheetName.uniqueNames(self.sheets.map(\.name))
    }

    /// The .xlsx file bytes. Deterministic: the same input always gives the same bytes.
    public func bytes() -> [UInt8] {
        var archive = ZipArchive(reservingCapacity: estimatedSize())
        archive.add(path: "[Content_Types].xml", contents: PackageParts.contentTypes(sheetCount: sheets.count))
        archive.add(path: "_rels/.rels", contents: PackageParts.rootRelationships())
        archive.add(path: "xl/workbook.xml", contents: PackageParts.workbook(sheetNames: sheetNames))
        archive.add(path: "xl/_rels/workbook.xml.rels",
                    contents: PackageParts.workbookRelationships(sheetCount: sheets.count))
        archive.add(path: "xl/styles.xml", contents: PackageParts.styles())
        for (index, sheet) in sheets.enumerated() {
            archive.add(path: "xl/worksheets/sheet\(index + 1).xml") { out in
                SheetXML.append(sheet, selected: index == 0, to: &out)
            }
        }
        return archive.finish()
    }

    /// Fixed parts, headers and central directory, plus per cell its text and ~70 bytes of
    /// markup, so that the archive buffer rarely has to grow.
    private func estimatedSize() -> Int {
        var size = 4_096
        for sheet in sheets {
            size += 1_024
            for row in sheet.rows {
                size += 24
                for text in row { size += text.utf8.count + 72 }
            }
        }
        return size
    }
}
