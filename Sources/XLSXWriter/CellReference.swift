/// A1-style cell addresses: columns are letters in bijective base 26
/// (A…Z, AA…AZ, BA…, ZZ, AAA…), rows are 1-based decimal numbers.
public enum CellReference {
    /// The last column Excel accepts, XFD.
    public static let maxColumns = 16_384
    /// The last row Excel accepts.
    public static let maxRows = 1_048_576

    /// The letters of a 1-based column number: 1 → "A", 26 → "Z", 27 → "AA", 703 → "AAA".
    public static func columnName(_ column: Int) -> String {
        var bytes: [UInt8] = []
        appendColumnName(column, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The address of a 1-based row and column: (1, 1) → "A1", (5, 28) → "AB5".
    public static func reference(row: Int, column: Int) -> String {
        var bytes: [UInt8] = []
        appendReference(row: row, column: column, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendReference(row: Int, column: Int, to out: inout [UInt8]) {
        precondition(row >= 1, "rows are numbered from 1")
        appendColumnName(column, to: &out)
        out.appendDecimal(row)
    }

    /// There is no zero digit in bijective base 26, hence the `- 1` before each division.
    /// Up to ZZZ (18,278, past XFD, the last column) the letters are computed most
    /// significant first; longer names are built backwards and reversed.
    static func appendColumnName(_ column: Int, to out: inout [UInt8]) {
        precondition(column >= 1, "columns are numbered from 1")
        guard column <= 18_278 else {
            var letters: [UInt8] = []
            var rest = column
            while rest > 0 {
                rest -= 1
                letters.append(UInt8(ascii: "A") + UInt8(rest % 26))
                rest /= 26
            }
            out.append(contentsOf: letters.reversed())
            return
        }
        if column > 702 {  // three letters: AAA is 703
            out.append(UInt8(ascii: "A") + UInt8((column - 703) / 676))
        }
        if column > 26 {  // at least two letters: AA is 27
            out.append(UInt8(ascii: "A") + UInt8((column - 27) / 26 % 26))
        }
        out.append(UInt8(ascii: "A") + UInt8((column - 1) % 26))
    }
}
