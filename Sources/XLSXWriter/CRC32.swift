/// The CRC-32 checksum that ZIP stores for every entry (ISO 3309 / ITU-T V.42:
/// reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF).
public enum CRC32 {
    /// Eight 256-entry tables, "slicing by 8": table 0 is the classic remainder of each
    /// byte value; table k is the effect of that byte followed by k zero bytes. Eight
    /// independent lookups per 8 input bytes replace eight dependent ones, which makes the
    /// checksum (the bulk of building a large workbook) several times faster. A `static let`
    /// is built once, thread-safely, on first use.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var remainder = UInt32(byte)
            for _ in 0..<8 {
                remainder = remainder & 1 == 1 ? (remainder >> 1) ^ 0xEDB8_8320 : remainder >> 1
            }
            tables[byte] = remainder
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32 of `bytes`; `checksum([])` is 0 and the check value of "123456789" is 0xCBF43926.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }

    /// The CRC-32 of a contiguous run of bytes, used on slices of a buffer being built.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let raw = UnsafeRawBufferPointer(bytes)
        return tables.withUnsafeBufferPointer { table in
            var crc: UInt32 = 0xFFFF_FFFF
            var offset = 0
            while raw.count - offset >= 8 {
                let low = crc ^ UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let high = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < raw.count {
                crc = table[Int(UInt8(truncatingIfNeeded: crc) ^ raw[offset])] ^ (crc >> 8)
                offset += 1
            }
            return crc ^ 0xFFFF_FFFF
        }
    }
}
