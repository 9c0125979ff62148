/// Base64 as defined by RFC 4648 §4 (standard alphabet, `=` padding).
///
/// MIME bodies need the encoded text wrapped at 76 characters (RFC 2045 §6.8), while JSON
/// payloads want one unbroken line, so both shapes are offered. Attachments are the bulk of
/// a message, so the encoder works on raw buffers: no bounds checks or capacity checks per
/// character, one exactly-sized allocation per result.
public enum Base64 {
    private static let alphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let pad = UInt8(ascii: "=")

    /// Encodes `bytes` as a single line with no line breaks.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: encodedBytes(bytes), as: UTF8.self)
    }

    /// Encodes `bytes` with a CRLF after every `lineLength` characters, as MIME requires.
    ///
    /// There is no CRLF after the last line. A `lineLength` that is not a positive multiple
    /// of 4 is rounded down to one (minimum 4) so no line ever exceeds the requested width.
    public static func encode(_ bytes: [UInt8], lineLength: Int) -> String {
        var out: [UInt8] = []
        appendWrapped(encodedBytes(bytes), lineLength: lineLength, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The unwrapped encoding of `bytes` as ASCII bytes: what ``encode(_:)`` returns, without
    /// the cost of making a `String` (for callers that write bytes, such as a JSON writer).
    public static func encodedBytes(_ bytes: [UInt8]) -> [UInt8] {
        var none = NoHash()
        return encodedBytes(bytes, hashingInto: &none)
    }

    /// ``encodedBytes(_:)`` that also feeds every byte to `hash`, in order. Hashing a large
    /// attachment is one long chain of dependent multiplications that leaves the processor
    /// mostly idle; the encoding done alongside it in the same loop costs next to nothing.
    static func encodedBytes<Hash: ByteHash>(_ bytes: [UInt8], hashingInto hash: inout Hash) -> [UInt8] {
        let length = encodedLength(ofByteCount: bytes.count)
        guard length > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            bytes.withUnsafeBufferPointer { source in
                pairs.withUnsafeBufferPointer { pairs in
                    hash = encode(source, into: UnsafeMutableRawPointer(out.baseAddress!), pairs: pairs, hash: hash)
                }
            }
            initialized = length
        }
    }

    /// Appends an unwrapped encoding (from ``encodedBytes(_:)``) to `out` with a CRLF after
    /// every `lineLength` characters, rounded as in ``encode(_:lineLength:)``. Wrapping
    /// already-encoded text is a copy per line, so one encoding can serve both shapes.
    public static func appendWrapped(_ encoded: [UInt8], lineLength: Int, to out: inout [UInt8]) {
        let width = max(4, lineLength - lineLength % 4)
        let breaks = encoded.isEmpty ? 0 : (encoded.count - 1) / width
        let length = encoded.count + 2 * breaks
        guard length > 0 else { return }
        // Built apart and appended in one copy: appending line by line costs more per line.
        let wrapped = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            encoded.withUnsafeBufferPointer { source in
                var written = 0
                var start = 0
                while start < source.count {
                    if start > 0 {
                        buffer[written] = 13
                        buffer[written + 1] = 10
                        written += 2
                    }
                    let count = min(width, source.count - start)
                    (buffer.baseAddress! + written).initialize(from: source.baseAddress! + start, count: count)
                    written += count
                    start += count
                }
                initialized = written
            }
        }
        out.append(contentsOf: wrapped)
    }

    /// The length of the unwrapped encoding of `byteCount` bytes.
    static func encodedLength(ofByteCount byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// Every 12-bit value as its two characters, first one in the low byte: one lookup
    /// writes two characters, so a 3-byte group costs two lookups instead of four.
    private static let pairs: [UInt16] = (0..<4096).map {
        UInt16(alphabet[$0 >> 6]) | UInt16(alphabet[$0 & 0x3F]) << 8
    }

    /// Writes the encoding of `source` to `out`, which has room for all of it. The main loop
    /// reads eight bytes (big-endian, so the first byte is on top), encodes the first six
    /// into eight characters and writes them at once; the last groups go one at a time.
    ///
    /// The hash is taken and returned by value, so that in the loop it lives in a register:
    /// behind an `inout` reference every update would be a store and a load.
    private static func encode<Hash: ByteHash>(_ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableRawPointer,
                                               pairs: UnsafeBufferPointer<UInt16>, hash: Hash) -> Hash {
        var hash = hash
        let count = source.count
        let input = UnsafeRawPointer(source.baseAddress)
        var read = 0
        var written = 0
        while count - read >= 8 {
            let word = UInt64(bigEndian: input!.loadUnaligned(fromByteOffset: read, as: UInt64.self))
            let chars = UInt64(pairs[Int(word >> 52)])
                | UInt64(pairs[Int(word >> 40 & 0xFFF)]) << 16
                | UInt64(pairs[Int(word >> 28 & 0xFFF)]) << 32
                | UInt64(pairs[Int(word >> 16 & 0xFFF)]) << 48
            out.storeBytes(of: chars.littleEndian, toByteOffset: written, as: UInt64.self)
            hash.add(sixBytesOf: word)
            read += 6
            written += 8
        }
        for index in read..<count { hash.add(source[index]) }
        while count - read >= 3 {
            let triple = Int(source[read]) << 16 | Int(source[read + 1]) << 8 | Int(source[read + 2])
            let chars = UInt32(pairs[triple >> 12]) | UInt32(pairs[triple & 0xFFF]) << 16
            out.storeBytes(of: chars.littleEndian, toByteOffset: written, as: UInt32.self)
            read += 3
            written += 4
        }
        let remaining = count - read
        guard remaining > 0 else { return hash }
        let b1 = remaining > 1 ? Int(source[read + 1]) : 0
        let triple = Int(source[read]) << 16 | b1 << 8
        let first = pairs[triple >> 12]
        out.storeBytes(of: UInt8(truncatingIfNeeded: first), toByteOffset: written, as: UInt8.self)
        out.storeBytes(of: UInt8(truncatingIfNeeded: first >> 8), toByteOffset: written + 1, as: UInt8.self)
        let third = remaining > 1 ? UInt8(truncatingIfNeeded: pairs[triple & 0xFFF]) : pad
        out.storeBytes(of: third, toByteOffset: written + 2, as: UInt8.self)
        out.storeBytes(of: pad, toByteOffset: written + 3, as: UInt8.self)
        return hash
    }
}

/// What ``Base64`` can feed the encoded bytes to while encoding them.
protocol ByteHash {
    mutating func add(_ byte: UInt8)
    /// The top six bytes of `word`, most significant first.
    mutating func add(sixBytesOf word: UInt64)
}

/// No hash: plain encoding, the calls compiled away.
struct NoHash: ByteHash {
    func add(_ byte: UInt8) {}
    func add(sixBytesOf word: UInt64) {}
}
