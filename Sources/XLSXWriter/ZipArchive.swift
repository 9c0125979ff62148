/// A ZIP archive of stored (uncompressed) entries, built in memory (APPNOTE.TXT 6.3).
///
/// Output is deterministic: every entry carries the same fixed DOS timestamp, no extra
/// fields and no host-specific attributes, so equal inputs give equal bytes. Entries are
/// written in the order they are added; paths should use `/` and be unique (not checked).
/// ZIP64 is not supported: the archive must stay under 4 GiB and 65,535 entries.
public struct ZipArchive: Sendable {
    /// 1980-01-01 00:00:00, the earliest DOS date, the usual "no real time" marker in
    /// reproducible archives. Date = (year - 1980) << 9 | month << 5 | day; time = 0.
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    static let dosTime: UInt16 = 0
    /// 2.0: the lowest version that covers folders and stored entries.
    static let versionNeeded: UInt16 = 20
    /// Bit 11: names are UTF-8, so `[Content_Types].xml` and any non-ASCII path decode alike everywhere.
    static let utf8NamesFlag: UInt16 = 1 << 11

    /// Local headers followed by their data, exactly as they appear at the start of the file.
    private var entries: [UInt8] = []
    /// Central directory records, appended after `entries` by `bytes()`.
    private var directory: [UInt8] = []
    private var entryCount = 0

    /// An empty archive.
    public init() {}

    /// An empty archive whose buffer already holds `byteCount` bytes, to avoid regrowth.
    public init(reservingCapacity byteCount: Int) {
        entries.reserveCapacity(byteCount)
    }

    /// Appends a stored entry named `path` holding `contents`.
    public mutating func add(path: String, contents: [UInt8]) {
        add(path: path) { $0.append(contentsOf: contents) }
    }

    /// Appends a stored entry whose data `write` appends to the archive's own buffer,
    /// so a part being generated is never copied; the CRC and sizes are patched afterwards.
    mutating func add(path: String, writingContents write: (inout [UInt8]) -> Void) {
        let name = Array(path.utf8)
        precondition(name.count <= Int(UInt16.max), "ZIP entry names are limited to 65,535 bytes")
        precondition(entryCount < Int(UInt16.max), "ZIP64 is not supported: at most 65,535 entries")
        let headerOffset = entries.count

        entries.appendLE32(0x0403_4B50)  // local file header signature
        appendCommonFields(to: &entries, nameLength: name.count)
        let checksumOffset = headerOffset + 14  // CRC, then compressed and uncompressed size
        entries.append(contentsOf: name)

        let dataStart = entries.count
        write(&entries)
        let dataEnd = entries.count
        precondition(dataEnd <= Int(UInt32.max), "ZIP64 is not supported: archives must stay under 4 GiB")

        let size = UInt32(dataEnd - dataStart)
        let crc = entries.withUnsafeBufferPointer {
            CRC32.checksum(UnsafeBufferPointer(rebasing: $0[dataStart..<dataEnd]))
        }
        entries.setLE32(crc, at: checksumOffset)
        entries.setLE32(size, at: checksumOffset + 4)
        entries.setLE32(size, at: checksumOffset + 8)

        directory.appendLE32(0x0201_4B50)  // central directory header signature
        directory.appendLE16(Self.versionNeeded)  // version made by: 2.0, host 0 (MS-DOS: no Unix modes)
        appendCommonFields(to: &directory, nameLength: name.count)
        directory.setLE32(crc, at: directory.count - 16)
        directory.setLE32(size, at: directory.count - 12)
        directory.setLE32(size, at: directory.count - 8)
        directory.appendLE16(0)  // file comment length
        directory.appendLE16(0)  // disk number start
        directory.appendLE16(0)  // internal attributes
        directory.appendLE32(0)  // external attributes
        directory.appendLE32(UInt32(headerOffset))
        directory.append(contentsOf: name)
        entryCount += 1
    }

    /// The 26 bytes shared by local and central headers after their first field:
    /// version needed, flags, method, time, date, CRC, sizes (zero until patched), name
    /// length and extra length.
    private func appendCommonFields(to out: inout [UInt8], nameLength: Int) {
        out.appendLE16(Self.versionNeeded)
        out.appendLE16(Self.utf8NamesFlag)
        out.appendLE16(0)  // method 0: stored
        out.appendLE16(Self.dosTime)
        out.appendLE16(Self.dosDate)
        out.appendLE32(0)  // CRC-32
        out.appendLE32(0)  // compressed size
        out.appendLE32(0)  // uncompressed size
        out.appendLE16(UInt16(nameLength))
        out.appendLE16(0)  // extra field length
    }

    /// The complete archive: entries, central directory, end-of-central-directory record.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count + directory.count + 22)
        out.append(contentsOf: entries)
        appendDirectoryAndEnd(to: &out)
        return out
    }

    /// Like `bytes()`, but finishes the archive in its own buffer instead of copying it,
    /// for callers done adding entries; the archive is left empty.
    ///
    /// `mutating` rather than `consuming`: a consuming call on a variable may work on a copy
    /// of it, and then the buffer has two owners and the first append copies all of it.
    mutating func finish() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &entries)  // `out` is now the buffer's only owner: appending does not copy
        appendDirectoryAndEnd(to: &out)
        return out
    }

    private func appendDirectoryAndEnd(to out: inout [UInt8]) {
        let directoryOffset = out.count
        out.append(contentsOf: directory)
        precondition(out.count <= Int(UInt32.max), "ZIP64 is not supported: archives must stay under 4 GiB")
        out.appendLE32(0x0605_4B50)  // end of central directory signature
        out.appendLE16(0)  // number of this disk
        out.appendLE16(0)  // disk where the central directory starts
        out.appendLE16(UInt16(entryCount))  // entries on this disk
        out.appendLE16(UInt16(entryCount))  // entries in total
        out.appendLE32(UInt32(directory.count))
        out.appendLE32(UInt32(directoryOffset))
        out.appendLE16(0)  // comment length
    }
}
