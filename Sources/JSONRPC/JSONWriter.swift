/// Writes compact JSON straight into a byte buffer.
///
/// Results are written field by field, in the order the contract documents them, with no
/// intermediate dictionaries. Commas are tracked with one flag: a value or a closing bracket
/// leaves "a comma is due", an opening bracket or a key clears it.
public struct JSONWriter: Sendable {
    // The buffer is kept filled to its capacity and `count` says how much of it is text, so
    // a write is a capacity check and a copy. Most writes are a few bytes, and Array's
    // generic append cost several times more than the copy itself.
    private var buffer: [UInt8]
    /// How many bytes have been written.
    public private(set) var count = 0
    private var commaDue = false

    public init(capacity: Int = 256) {
        buffer = capacity > 0 ? [UInt8](repeating: 0, count: capacity) : []
    }

    /// Bytes of buffer held, written or not.
    public var capacity: Int { buffer.count }

    /// The text written so far (a copy; `withBytes` reads it in place).
    public var bytes: [UInt8] { Array(buffer[..<count]) }

    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Makes room for `total` bytes in all, for a caller that knows a large answer's size.
    public mutating func reserveCapacity(_ total: Int) {
        if total > buffer.count { grow(toAtLeast: total) }
    }

    public mutating func reset() {
        count = 0
        commaDue = false
    }

    private mutating func grow(toAtLeast total: Int) {
        buffer.append(contentsOf: repeatElement(0, count: max(total, 2 * buffer.count, 64) - buffer.count))
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == buffer.count { grow(toAtLeast: count + 1) }
        buffer[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(_ source: UnsafeRawBufferPointer) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        if buffer.count - count < source.count { grow(toAtLeast: count + source.count) }
        let offset = count
        buffer.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: offset).copyMemory(from: base, byteCount: source.count) }
        count += source.count
    }

    mutating func append(_ source: [UInt8]) {
        source.withUnsafeBytes { append($0) }
    }

    /// Where the text stands: enough to take back everything written after it.
    struct Checkpoint {
        let count: Int
        fileprivate let commaDue: Bool
    }

    var checkpoint: Checkpoint { Checkpoint(count: count, commaDue: commaDue) }

    /// Takes back what was written since `checkpoint`, the pending comma included, so the
    /// next value is separated as if nothing had been written.
    mutating func rollBack(to checkpoint: Checkpoint) {
        count = checkpoint.count
        commaDue = checkpoint.commaDue
    }

    /// The next value continues a list begun in another writer (a batch answered in steps).
    mutating func commaIsDue() { commaDue = true }

    private mutating func separate() {
        if commaDue { append(UInt8(ascii: ",")) }
    }

    public mutating func beginObject() { separate(); append(UInt8(ascii: "{")); commaDue = false }
    public mutating func endObject() { append(UInt8(ascii: "}")); commaDue = true }
    public mutating func beginArray() { separate(); append(UInt8(ascii: "[")); commaDue = false }
    public mutating func endArray() { append(UInt8(ascii: "]")); commaDue = true }

    /// Writes `"key":`; the next value call completes the member.
    public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        append(UInt8(ascii: ":"))
        commaDue = false
    }

    /// A member name encoded once (`"name":`), for the names written in
    /// every response.
    public struct Key: Sendable {
        fileprivate let bytes: [UInt8]

        public init(_ name: String) {
            var writer = JSONWriter()
            writer.key(name)
            bytes = writer.bytes
        }
    }

    public mutating func key(_ key: Key) {
        separate()
        append(key.bytes)
        commaDue = false
    }

    /// Writes a member whose name was encoded once.
    public mutating func field<Value: JSONEncodable>(_ name: Key, _ value: Value) {
        key(name)
        value.encode(to: &self)
    }

    public mutating func string(_ value: String) { separate(); appendQuoted(value); commaDue = true }

    /// Writes UTF-8 `text` as a JSON string, escaped exactly as `string(_:)` escapes a
    /// `String`, without making it a String first (the e-mail message, the workbook's base64).
    /// With `escaping: false` the caller vouches that no byte needs an escape (no control
    /// character, `"` or `\`), as for base64, and the bytes are copied as they are.
    public mutating func string(utf8 text: [UInt8], escaping: Bool) {
        separate()
        append(UInt8(ascii: "\""))
        if escaping {
            text.withUnsafeBufferPointer { appendEscaped($0) }
        } else {
            append(text)
        }
        append(UInt8(ascii: "\""))
        commaDue = true
    }

    /// Writes one string made of `parts`, as `string(parts.joined())` would, without
    /// joining them first.
    public mutating func string(joining parts: String...) {
        separate()
        append(UInt8(ascii: "\""))
        for part in parts {
            var part = part
            part.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
        commaDue = true
    }
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    public mutating func null() { raw("null") }
    public mutating func int(_ value: Int) { raw(String(value)) }

    /// Writes JSON text that is already valid (a number literal, a pre-encoded value).
    public mutating func raw(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        commaDue = true
    }

    public mutating func raw(_ text: [UInt8]) {
        separate()
        append(text)
        commaDue = true
    }

    /// Writes valid JSON text from memory the caller holds (a value formatted on the stack).
    public mutating func raw(_ text: UnsafeRawBufferPointer) {
        separate()
        append(text)
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
        var text = text  // withUTF8 reads small strings in place, where utf8's storage is nil
        text.withUTF8 { utf8 in
            // Room for the usual case, no escape, made once: then quotes and text are copied
            // in one access to the buffer (appending byte by byte re-checked the array's
            // capacity and uniqueness for each byte, most of the cost of a result's keys).
            if buffer.count - count < utf8.count + 2 { grow(toAtLeast: count + utf8.count + 2) }
            guard JSONEscaping.firstEscape(in: utf8, from: 0) == utf8.count, let base = utf8.baseAddress else {
                append(UInt8(ascii: "\""))
                appendEscaped(utf8)
                append(UInt8(ascii: "\""))
                return
            }
            let start = count
            buffer.withUnsafeMutableBytes { out in
                out[start] = UInt8(ascii: "\"")
                out.baseAddress!.advanced(by: start + 1).copyMemory(from: base, byteCount: utf8.count)
                out[start + 1 + utf8.count] = UInt8(ascii: "\"")
            }
            count += utf8.count + 2
        }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        var runStart = 0
        while true {
            let next = JSONEscaping.firstEscape(in: utf8, from: runStart)
            append(UnsafeRawBufferPointer(start: base + runStart, count: next - runStart))
            if next == utf8.count { return }
            appendEscape(base[next])
            runStart = next + 1
        }
    }

    /// The short forms, else `\u00xx` in lower case.
    private mutating func appendEscape(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: append(0x22)
        case 0x5C: append(0x5C)
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x08: append(UInt8(ascii: "b"))
        case 0x0C: append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            append(UInt8(ascii: "u"))
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "0"))
            append(hex.utf8Start[Int(byte >> 4)])
            append(hex.utf8Start[Int(byte & 0xF)])
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

extension ArraySlice: JSONEncodable where Element: JSONEncodable {
    public func encode(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.encode(to: &writer) }
        writer.endArray()
    }
}
