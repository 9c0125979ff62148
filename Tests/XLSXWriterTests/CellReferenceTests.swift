import Testing
import XLSXWriter

@Suite struct CellReferenceTests {
    @Test(arguments: [
        (1, "A"), (2, "B"), (26, "Z"), (27, "AA"), (28, "AB"), (52, "AZ"), (53, "BA"),
        (702, "ZZ"), (703, "AAA"), (16_384, "XFD"), (18_278, "ZZZ"), (18_279, "AAAA"),
    ])
    func columnNames(column: Int, name: String) {
        #expect(CellReference.columnName(column) == name)
    }

    @Test func everyColumnNameIsDistinctAndRoundTrips() {
        var seen = Set<String>()
        var mismatches: [Int] = []
        for column in 1...CellReference.maxColumns {
            let name = CellReference.columnName(column)
            // Decode as bijective base 26 to prove the encoding is the inverse.
            let decoded = name.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
            if decoded != column { mismatches.append(column) }
            seen.insert(name)
        }
        #expect(mismatches.isEmpty)
        #expect(seen.count == CellReference.maxColumns)
    }

    @Test func references() {
        #expect(CellReference.reference(row: 1, column: 1) == "A1")
        #expect(CellReference.reference(row: 5, column: 28) == "AB5")
        #expect(CellReference.reference(row: 1_048_576, column: 16_384) == "XFD1048576")
        // Rows of more than eight digits are written in two steps.
        #expect(CellReference.reference(row: 100_000_000, column: 2) == "B100000000")
        #expect(CellReference.reference(row: 123_456_789_012, column: 3) == "C123456789012")
    }
}
