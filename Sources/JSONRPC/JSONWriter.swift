/// Writes compact JSON straight into a byte buffer.
///
/// Results are written field by field, in the order the contract documents them, with no
/// intermediate dictionaries. Commas are tracked with one flag: a value or a closing bracket
/// leaves "a comma is due", an opening bracket or a key clears it.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8]
    private var commaDue = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        commaDue = false
    }

    /// Where the text stands: enough to take back everything written after it.
    struct Checkpoint {
        let count: Int
        fileprivate let commaDue: Bool
    }

    var checkpoint: Checkpoint { Checkpoint(count: bytes.count, commaDue: commaDue) }

    /// Takes back what was written since `checkpoint`, the pending comma included, so the
    /// next value is separated as if nothing had been written.
    mutating func rollBack(to checkpoint: Checkpoint) {
        bytes.removeSubrange(checkpoint.count...)
        commaDue = checkpoint.commaDue
    }

    private mutating func separate() {
        if commaDue { bytes.append(UInt8(ascii: ",")) }
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); commaDue = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); commaDue = true }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); commaDue = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); commaDue = true }

    /// Writes `"key":`; the next value call completes the member.
    public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        commaDue = false
    }

    public mutating func string(_ value: String) { separate(); appendQuoted(value); commaDue = true }
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    public mutating func null() { raw("null") }
    public mutating func int(_ value: Int) { raw(String(value)) }

    /// Writes JSON text that is already valid (a number literal, a pre-encoded value).
    public mutating func raw(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        commaDue = true
    }

    public mutating func raw(_ text: [UInt8]) {
        separate()
        bytes.append(contentsOf: text)
        commaDue = true
    }

    public mutating func value(_ json: JSON) {
        switch json {
        case .null: null()
        case .bool(let value): bool(value)
        case .number(let literal): raw(literal)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                value(member.value)
            }
            endObject()
        }
    }

    /// Writes a member whose value encodes itself.
    public mutating func field<Value: JSONEncodable>(_ name: String, _ value: Value) {
        key(name)
        value.encode(to: &self)
    }

    /// The hottest loop of the service (results are mostly text): find the bytes that need
    /// an escape eight at a time and copy the runs between them in one append each.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text  // withUTF8 reads small strings in place, where utf8's storage is nil
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        var runStart = 0
        while true {
            let next = JSONEscaping.firstEscape(in: utf8, from: runStart)
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: next - runStart))
            if next == utf8.count { return }
            appendEscape(base[next])
            runStart = next + 1
        }
    }

    /// The short forms, else `\u00xx` in lower case.
    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}

/// A value that writes itself as JSON. Result types implement this by hand, field by field,
/// so the wire order is the documented order and nothing is encoded twice.
public protocol JSONEncodable {
    func encode(to writer: inout JSONWriter)
}

extension String: JSONEncodable {
    public func encode(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONEncodable {
    public func encode(to writer: inout JSONWriter) { writer.int(self) }
}

extension Bool: JSONEncodable {
    public func encode(to writer: inout JSONWriter) { writer.bool(self) }
}

extension JSON: JSONEncodable {
    public func encode(to writer: inout JSONWriter) { writer.value(self) }
}

extension Optional: JSONEncodable where Wrapped: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        if let value = self { value.encode(to: &writer) } else { writer.null() }
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.encode(to: &writer) }
        writer.endArray()
    }
}
