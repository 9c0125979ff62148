/// The worksheet part, `xl/worksheets/sheetN.xml`: text cells as inline strings, so no
/// shared-strings table has to be built and every cell is self-contained.
enum SheetXML {
    /// Excel's limit on the text of one cell, in UTF-16 code units.
    static let maxCellLength = 32_767
    /// Column widths in characters: wide enough for the longest line in the column plus a
    /// little padding, clamped so short columns stay clickable and long ones stay on screen.
    static let widthRange = 8...80
    /// `cellXfs` index of the bold style in `styles.xml`.
    static let boldStyle = 1

    /// Appends the part for `sheet`. Rows past Excel's 1,048,576 and columns past XFD are
    /// left out: such a file would not open at all. Empty strings produce no cell.
    static func append(_ sheet: Worksheet, selected: Bool, to out: inout [UInt8]) {
        let rows = sheet.rows.prefix(CellReference.maxRows)
        let columnCount = min(rows.reduce(0) { max($0, $1.count) }, CellReference.maxColumns)
        let freezesHeader = sheet.boldFirstRow && rows.count > 1

        out.appendLiteral("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n\
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """)
        out.appendLiteral("<dimension ref=\"A1")
        if rows.count > 1 || columnCount > 1 {
            out.appendLiteral(":")
            CellReference.appendReference(row: max(rows.count, 1), column: max(columnCount, 1), to: &out)
        }
        out.appendLiteral("\"/><sheetViews><sheetView")
        if selected { out.appendLiteral(" tabSelected=\"1\"") }
        out.appendLiteral(" workbookViewId=\"0\">")
        if freezesHeader {
            // Keeps the bold header row in view while scrolling through long lists.
            out.appendLiteral("""
                <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
                <selection pane="bottomLeft" activeCell="A2" sqref="A2"/>
                """)
        }
        out.appendLiteral("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")

        // `<cols>` precedes `<sheetData>`, but widths are only known once every cell has
        // been escaped; they are measured while writing and inserted here afterwards.
        let colsOffset = out.count
        var longestLine = [Int](repeating: 0, count: columnCount)
        out.appendLiteral("<sheetData>")
        for (rowIndex, row) in rows.enumerated() {
            let rowNumber = rowIndex + 1
            let bold = sheet.boldFirstRow && rowIndex == 0
            out.appendLiteral("<row r=\"")
            out.appendDecimal(rowNumber)
            out.appendLiteral("\">")
            // A cell's closing tags are written with the next one's opening: one append fewer.
            var cellOpen = false
            for (columnIndex, text) in row.prefix(columnCount).enumerated() where !text.isEmpty {
                out.appendLiteral(cellOpen ? "</t></is></c><c r=\"" : "<c r=\"")
                cellOpen = true
                CellReference.appendReference(row: rowNumber, column: columnIndex + 1, to: &out)
                if bold {
                    out.appendLiteral("\" s=\"")
                    out.appendDecimal(boldStyle)
                }
                let cellText = fitted(text)
                // Only where white space could be lost: a third of each row's bytes otherwise.
                out.appendLiteral(needsPreservedSpace(cellText) ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                                                               : "\" t=\"inlineStr\"><is><t>")
                var length = XMLText.append(cellText, to: &out, attribute: false)
                if bold { length += (length + 9) / 10 }  // bold glyphs are about 10% wider
                longestLine[columnIndex] = max(longestLine[columnIndex], length)
            }
            out.appendLiteral(cellOpen ? "</t></is></c></row>" : "</row>")
        }
        out.appendLiteral("</sheetData></worksheet>")

        if columnCount > 0 {
            out.insert(contentsOf: colsElement(longestLine), at: colsOffset)
        }
    }

    /// Whether XML white-space handling could change `text`: white space at either end, a
    /// tab or line break, or a run of spaces.
    static func needsPreservedSpace(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previousWasSpace = true  // a space at the start counts
            for byte in bytes {
                switch byte {
                case 0x09, 0x0A, 0x0D: return true
                case 0x20:
                    if previousWasSpace { return true }
                    previousWasSpace = true
                default:
                    previousWasSpace = false
                }
            }
            return previousWasSpace && !bytes.isEmpty  // a space at the end
        }
    }

    /// `text` cut to the length Excel accepts in a cell; the UTF-8 count is O(1) and an
    /// upper bound of the UTF-16 count, so the usual short cell costs nothing.
    private static func fitted(_ text: String) -> String {
        text.utf8.count <= maxCellLength ? text : text.truncated(toUTF16Length: maxCellLength)
    }

    private static func colsElement(_ longestLine: [Int]) -> [UInt8] {
        var cols: [UInt8] = []
        cols.reserveCapacity(16 + longestLine.count * 56)
        cols.appendLiteral("<cols>")
        for (index, length) in longestLine.enumerated() {
            let width = min(max(length + 2, widthRange.lowerBound), widthRange.upperBound)
            cols.appendLiteral("<col min=\"")
            cols.appendDecimal(index + 1)
            cols.appendLiteral("\" max=\"")
            cols.appendDecimal(index + 1)
            cols.appendLiteral("\" width=\"")
            cols.appendDecimal(width)
            cols.appendLiteral("\" customWidth=\"1\"/>")
        }
        cols.appendLiteral("</cols>")
        return cols
    }
}
