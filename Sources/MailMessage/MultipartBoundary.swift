/// The multipart boundary: `=_MailMessage_` and a 64-bit FNV-1a-style hash of the subject,
/// the body and each attachment's name and contents, in hexadecimal.
///
/// `=_` can never appear in quoted-printable (`=` is followed by hex or CRLF) nor in
/// base64 (`=` only pads at the end), so the boundary cannot collide with a body. The
/// hash of the content only makes it distinctive when messages are nested (forwarded);
/// it is derived, not random, so output stays reproducible.
enum MultipartBoundary {
    /// The boundary, and each attachment's contents in base64, encoded in the same pass as
    /// they are hashed (see ``Base64/encodedBytes(_:hashingInto:)``).
    static func make(subject: String, body: String,
                     attachments: [MailAttachment]) -> (boundary: String, base64: [[UInt8]]) {
        var hash = FNV1a()
        hash.add(subject)
        hash.add(body)
        var encoded: [[UInt8]] = []
        encoded.reserveCapacity(attachments.count)
        for attachment in attachments {
            hash.add(attachment.filename)
            encoded.append(Base64.encodedBytes(attachment.contents, hashingInto: &hash))
            hash.endField()
        }
        return ("=_MailMessage_" + hash.hexDigest, encoded)
    }
}

/// 64-bit FNV-1a: tiny, dependency-free and stable across runs, unlike `Hasher`. Each field
/// ends with a 0xFF separator, so ("ab", "c") and ("a", "bc") hash differently.
///
/// Attachments are mixed in six bytes per step instead of one: each multiply depends on the
/// last, so a byte-wise chain over a workbook of tens of kilobytes was the largest single
/// cost of rendering. The boundary only has to be distinctive and reproducible, which a
/// word-wise mix is as much as a byte-wise one.
struct FNV1a: ByteHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Adds `text` as one field.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { add(byte) }
        }
        endField()
    }

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    mutating func add(sixBytesOf word: UInt64) {
        value = (value ^ (word >> 16)) &* Self.prime
    }

    /// The separator after a field.
    mutating func endField() {
        add(0xFF)
    }

    var hexDigest: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
