import Testing
import XLSXWriter

@Suite struct CRC32Tests {
    @Test func knownCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyInputIsZero() {
        #expect(CRC32.checksum([]) == 0)
    }

    @Test func otherPublishedVectors() {
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([0x00]) == 0xD202_EF8D)
        #expect(CRC32.checksum([UInt8](repeating: 0xFF, count: 4)) == 0xFFFF_FFFF)
    }

    /// The textbook bit-at-a-time definition, to check the table-driven one against.
    private func bitwiseCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func matchesTheBitwiseDefinitionAtEveryLengthAndAlignment() {
        // A simple LCG gives varied bytes; lengths 0…70 cover every tail after 8-byte blocks.
        var state: UInt32 = 12_345
        let data = (0..<80).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12_345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        var mismatches: [(Int, Int)] = []
        for start in 0..<8 {
            for length in 0...(data.count - start - 8) {
                let slice = Array(data[start..<(start + length)])
                if CRC32.checksum(slice) != bitwiseCRC(slice) { mismatches.append((start, length)) }
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func singleBitChangeChangesChecksum() {
        let data = [UInt8](repeating: 0x41, count: 1_000)
        var flipped = data
        flipped[500] ^= 0x01
        #expect(CRC32.checksum(data) != CRC32.checksum(flipped))
    }
}
