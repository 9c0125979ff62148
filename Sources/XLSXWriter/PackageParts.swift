/// The fixed parts of the package around the worksheets: the content-type map, the two
/// relationship parts, the workbook and the styles. No `docProps/`: they are optional and
/// a creation date would make the bytes depend on the clock.
enum PackageParts {
    static let xmlDeclaration: StaticString =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// `[Content_Types].xml`: every part's media type; the package is unreadable without it.
    static func contentTypes(sheetCount: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(900 + sheetCount * 140)
        out.appendLiteral(xmlDeclaration)
        out.appendLiteral("""
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """)
        for sheet in 1...max(sheetCount, 1) {
            out.appendLiteral("<Override PartName=\"/xl/worksheets/sheet")
            out.appendDecimal(sheet)
            out.appendLiteral("""
                .xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                """)
        }
        out.appendLiteral("</Types>")
        return out
    }

    /// `_rels/.rels`: points readers at the workbook.
    static func rootRelationships() -> [UInt8] {
        var out: [UInt8] = []
        out.appendLiteral(xmlDeclaration)
        out.appendLiteral("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="xl/workbook.xml"/></Relationships>
            """)
        return out
    }

    /// `xl/workbook.xml`: the sheet list, in tab order; sheet N is relationship rIdN.
    static func workbook(sheetNames: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(400 + sheetNames.count * 80)
        out.appendLiteral(xmlDeclaration)
        out.appendLiteral("""
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <bookViews><workbookView activeTab="0"/></bookViews><sheets>
            """)
        for (index, name) in sheetNames.enumerated() {
            out.appendLiteral("<sheet name=\"")
            XMLText.append(name, to: &out, attribute: true)
            out.appendLiteral("\" sheetId=\"")
            out.appendDecimal(index + 1)
            out.appendLiteral("\" r:id=\"rId")
            out.appendDecimal(index + 1)
            out.appendLiteral("\"/>")
        }
        out.appendLiteral("</sheets></workbook>")
        return out
    }

    /// `xl/_rels/workbook.xml.rels`: rId1…rIdN are the worksheets, rIdN+1 the styles.
    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(400 + sheetCount * 160)
        out.appendLiteral(xmlDeclaration)
        out.appendLiteral("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for sheet in 1...max(sheetCount, 1) {
            out.appendLiteral("<Relationship Id=\"rId")
            out.appendDecimal(sheet)
            out.appendLiteral("""
                " Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet
                """)
            out.appendDecimal(sheet)
            out.appendLiteral(".xml\"/>")
        }
        out.appendLiteral("<Relationship Id=\"rId")
        out.appendDecimal(max(sheetCount, 1) + 1)
        out.appendLiteral("""
            " Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
            Target="styles.xml"/></Relationships>
            """)
        return out
    }

    /// `xl/styles.xml`: cellXfs 0 is the default, 1 the bold header (font 1). Excel insists
    /// on the two leading fills (none, gray125) and on one border and one cell style.
    static func styles() -> [UInt8] {
        var out: [UInt8] = []
        out.appendLiteral(xmlDeclaration)
        out.appendLiteral("""
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2">\
            <font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
            <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
            </fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill>\
            <fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="2">\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            </cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """)
        return out
    }
}
