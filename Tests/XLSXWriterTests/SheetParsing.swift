import XLSXWriter

/// A cell as it appears in a worksheet part: its address, whether it uses the bold
/// style, and its still-escaped inline text.
struct WrittenCell: Equatable, CustomStringConvertible {
    var reference: String
    var bold: Bool
    var text: String
    var description: String { "\(reference)\(bold ? "(b)" : "")=\(text)" }
}

/// The cells of a worksheet part in document order, read with plain string scanning so
/// the test does not share any code with the writer.
func writtenCells(_ sheetXML: String) -> [WrittenCell] {
    sheetXML.split(separator: "<c r=\"").dropFirst().map { chunk in
        let reference = String(chunk.prefix { $0 != "\"" })
        let tag = chunk.prefix { $0 != ">" }
        let afterText = chunk.split(separator: "<is><t", maxSplits: 1).last ?? ""
        let afterOpen = afterText.drop { $0 != ">" }.dropFirst()
        let text = afterOpen.split(separator: "</t>", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return WrittenCell(reference: reference, bold: tag.contains(" s=\"1\""), text: String(text))
    }
}

/// The text between `<open` and the end of its element or tag, e.g. the `<cols>` element.
func element(_ name: String, in xml: String) -> String? {
    guard let start = xml.firstRange(of: "<\(name)") else { return nil }
    let rest = xml[start.lowerBound...]
    if let end = rest.firstRange(of: "</\(name)>") { return String(rest[..<end.upperBound]) }
    guard let end = rest.firstRange(of: "/>") else { return nil }
    return String(rest[..<end.upperBound])
}

/// The parts of `workbook`'s file, checked structurally by `ZipReader`.
func parts(of workbook: Workbook) throws -> ZipReader {
    try ZipReader(workbook.bytes())
}
