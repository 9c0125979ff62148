import XLSXWriter

/// A strict reader of the archives `ZipArchive` writes, used to check their structure
/// from the outside: every field it relies on is validated, and any mismatch is an error.
struct ZipReader {
    struct Entry: Equatable {
        var path: String
        var contents: [UInt8]
        var flags: UInt16
        var method: UInt16
        var versionNeeded: UInt16
        var dosTime: UInt16
        var dosDate: UInt16
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let entries: [Entry]

    init(_ bytes: [UInt8]) throws {
        func le16(_ at: Int) throws -> UInt16 {
            guard at >= 0, at + 2 <= bytes.count else { throw Malformed(description: "read past end at \(at)") }
            return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        }
        func le32(_ at: Int) throws -> UInt32 {
            UInt32(try le16(at)) | UInt32(try le16(at + 2)) << 16
        }
        func expect(_ condition: Bool, _ message: String) throws {
            if !condition { throw Malformed(description: message) }
        }

        let end = bytes.count - 22  // no archive comment is ever written
        try expect(try le32(end) == 0x0605_4B50, "no end-of-central-directory record")
        let count = Int(try le16(end + 10))
        try expect(Int(try le16(end + 8)) == count, "entry counts disagree")
        let directorySize = Int(try le32(end + 12))
        let directoryOffset = Int(try le32(end + 16))
        try expect(directoryOffset + directorySize == end, "central directory does not end at the EOCD")

        var entries: [Entry] = []
        var cursor = directoryOffset
        var expectedLocalOffset = 0
        for _ in 0..<count {
            try expect(try le32(cursor) == 0x0201_4B50, "bad central header signature at \(cursor)")
            let crc = try le32(cursor + 16)
            let compressed = Int(try le32(cursor + 20))
            let size = Int(try le32(cursor + 24))
            let nameLength = Int(try le16(cursor + 28))
            let extraLength = Int(try le16(cursor + 30))
            let commentLength = Int(try le16(cursor + 32))
            let localOffset = Int(try le32(cursor + 42))
            try expect(compressed == size, "stored entry with differing sizes")
            try expect(localOffset == expectedLocalOffset, "local header not where the previous entry ended")
            let name = Array(bytes[(cursor + 46)..<(cursor + 46 + nameLength)])
            let centralFlags = try le16(cursor + 8)
            let centralMethod = try le16(cursor + 10)

            try expect(try le32(localOffset) == 0x0403_4B50, "bad local header signature at \(localOffset)")
            try expect(try le16(localOffset + 6) == centralFlags, "flags differ")
            try expect(try le16(localOffset + 8) == centralMethod, "methods differ")
            try expect(try le32(localOffset + 14) == crc, "CRCs differ")
            try expect(Int(try le32(localOffset + 22)) == size, "sizes differ")
            let localNameLength = Int(try le16(localOffset + 26))
            let localExtraLength = Int(try le16(localOffset + 28))
            let dataStart = localOffset + 30 + localNameLength + localExtraLength
            try expect(Array(bytes[(localOffset + 30)..<(localOffset + 30 + localNameLength)]) == name,
                       "names differ")
            try expect(dataStart + size <= directoryOffset, "data overlaps the central directory")
            let contents = Array(bytes[dataStart..<(dataStart + size)])
            try expect(CRC32.checksum(contents) == crc, "CRC does not match the data of \(name)")

            entries.append(Entry(path: String(decoding: name, as: UTF8.self), contents: contents,
                                 flags: centralFlags, method: centralMethod,
                                 versionNeeded: try le16(localOffset + 4),
                                 dosTime: try le16(localOffset + 10), dosDate: try le16(localOffset + 12)))
            expectedLocalOffset = dataStart + size
            cursor += 46 + nameLength + extraLength + commentLength
        }
        try expect(cursor == end, "central directory size does not match its records")
        try expect(expectedLocalOffset == directoryOffset, "gap before the central directory")
        self.entries = entries
    }

    /// The text of the entry at `path`, or nil when the archive has none.
    func text(_ path: String) -> String? {
        entries.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) }
    }
}
