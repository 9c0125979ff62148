/// Small independent readers for what requestKeys returns, so the tests never trust the
/// writer's own code: base64, the stored ZIP entries of the workbook, and its rows.

enum Base64Decoder {
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte + 4)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            default: return nil
            }
        }
        var out: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            let chunk = values[index..<min(index + 4, values.count)].map(UInt32.init)
            let word = chunk.enumerated().reduce(UInt32(0)) { $0 | $1.element << (18 - 6 * UInt32($1.offset)) }
            for shift in [16, 8, 0].prefix(chunk.count - 1) { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
            index += 4
        }
        return out
    }
}

/// Reads local file entries of a ZIP whose entries are stored (method 0), as ours are.
enum StoredZip {
    static func entry(_ name: String, in bytes: [UInt8]) -> String? {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var at = 0
        while at + 30 <= bytes.count, u32(at) == 0x0403_4B50 {
            let method = u16(at + 8), size = u32(at + 18), nameLength = u16(at + 26), extraLength = u16(at + 28)
            let entryName = String(decoding: bytes[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
            let start = at + 30 + nameLength + extraLength
            guard method == 0, start + size <= bytes.count else { return nil }
            if entryName == name { return String(decoding: bytes[start..<(start + size)], as: UTF8.self) }
            at = start + size
        }
        return nil
    }
}

/// The text of each cell, row by row, from a worksheet of inline or plain `<t>` strings.
enum SheetRows {
    static func read(_ xml: String) -> [[String]] {
        xml.split(separator: "<row ").dropFirst().map { row in
            row.split(separator: "<t").dropFirst().compactMap { piece -> String? in
                guard let open = piece.firstIndex(of: ">"), let close = piece.firstRange(of: "</t>") else { return nil }
                return unescape(String(piece[piece.index(after: open)..<close.lowerBound]))
            }
        }
    }

    private static func unescape(_ text: String) -> String {
        text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&apos;", with: "'").replacing("&amp;", with: "&")
    }
}
