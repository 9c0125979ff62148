import Testing
import XLSXWriter

@Suite struct ZipArchiveTests {
    @Test func emptyArchiveIsJustTheEndRecord() throws {
        let bytes = ZipArchive().bytes()
        #expect(bytes == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        #expect(try ZipReader(bytes).entries.isEmpty)
    }

    @Test func entriesRoundTripWithMatchingHeaders() throws {
        var archive = ZipArchive()
        let first = Array("hello, world\n".utf8)
        let second = [UInt8](0...255) + [UInt8](repeating: 7, count: 3_000)
        archive.add(path: "a.txt", contents: first)
        archive.add(path: "dir/b.bin", contents: second)
        archive.add(path: "empty", contents: [])
        archive.add(path: "ñandú/[x].xml", contents: [0x3C])
        let entries = try ZipReader(archive.bytes()).entries

        #expect(entries.map(\.path) == ["a.txt", "dir/b.bin", "empty", "ñandú/[x].xml"])
        #expect(entries.map(\.contents) == [first, second, [], [0x3C]])
        for entry in entries {
            #expect(entry.method == 0, "stored")
            #expect(entry.flags == 0x0800, "UTF-8 names, nothing else")
            #expect(entry.versionNeeded == 20)
            #expect(entry.dosDate == 0x0021 && entry.dosTime == 0, "fixed 1980-01-01 00:00")
        }
    }

    @Test func layoutOfASingleEntry() {
        var archive = ZipArchive()
        archive.add(path: "x", contents: Array("123456789".utf8))
        let bytes = archive.bytes()
        // 30-byte local header + 1-byte name + 9 bytes data, 46 + 1 central, 22 end record.
        #expect(bytes.count == 40 + 47 + 22)
        #expect(Array(bytes[14..<18]) == [0x26, 0x39, 0xF4, 0xCB], "CRC-32 little-endian")
        #expect(Array(bytes[40..<44]) == [0x50, 0x4B, 0x01, 0x02], "central directory follows the data")
        #expect(Array(bytes[(87 + 16)..<(87 + 20)]) == [40, 0, 0, 0], "EOCD points at the directory")
    }

    @Test func sameInputGivesSameBytes() {
        func build() -> [UInt8] {
            var archive = ZipArchive()
            archive.add(path: "one", contents: [1, 2, 3])
            archive.add(path: "two", contents: Array("two".utf8))
            return archive.bytes()
        }
        #expect(build() == build())
    }
}
