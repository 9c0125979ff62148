/// A strict RFC 8259 parser producing `JSON`.
///
/// Strict on purpose: integrators must learn about a malformed message from us, not from a
/// quietly different reading of it. Invalid UTF-8 is a parse error. A `\u` escape of a lone
/// surrogate cannot live in a Swift `String`; it becomes U+FFFD, which text fields reject.
/// Nesting is capped so hostile input cannot exhaust the stack.
public struct JSONParser {
    public static let maxDepth = 128

    public struct Failure: Error, Sendable, Equatable {
        public let reason: String
        public let offset: Int
    }

    /// Parses exactly one JSON text (surrounding white space allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSON {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.failure("unexpected data after the JSON text")
        }
        return value
    }

    /// Parses one JSON text as `parse` does (same errors), but a top-level object is not
    /// built: only the members JSON-RPC reads are kept. A request is then read without
    /// allocating, and later freeing, its members array. A batch is only checked: its members
    /// are parsed one at a time as they run (`parseBatchMember`), so a batch never holds the
    /// tree of more than one member (a tree costs many times the text's bytes).
    static func parseMessage(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Message {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self))
        parser.skipWhitespace()
        let message: Message
        if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") {
            var request = RequestMembers()
            try parser.parseMembers(depth: 1, into: &request)
            message = .request(request)
        } else if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "[") {
            message = .batch(membersAt: try parser.checkBatch())
        } else {
            message = .other(try parser.parseValue(depth: 0))
        }
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.failure("unexpected data after the JSON text")
        }
        return message
    }

    /// A message as `parseMessage` reads it.
    enum Message {
        case request(RequestMembers)
        /// A well-formed array: where its first member starts (its `]` when it is empty).
        case batch(membersAt: Int)
        /// Anything but an object or an array: a value that cannot be a request.
        case other(JSON)
    }

    /// A batch member as `parseBatchMember` reads it.
    enum Member {
        case request(RequestMembers)
        case other(JSON)
    }

    /// Parses the member of a batch `parseMessage` checked that starts at `offset`. Returns
    /// where the next one starts, or nil after the last one. The array was checked whole, so
    /// this cannot fail; if it did anyway, the member reads as `null` and ends the batch.
    static func parseBatchMember(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (member: Member, next: Int?) {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self))
        parser.index = offset
        do throws(Failure) {
            let member: Member
            if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") {
                var request = RequestMembers()
                try parser.parseMembers(depth: 2, into: &request)  // the depth parseArray would give it
                member = .request(request)
            } else {
                member = .other(try parser.parseValue(depth: 1))
            }
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ",") else {
                return (member, nil)
            }
            parser.index += 1
            parser.skipWhitespace()
            return (member, parser.index)
        } catch {
            return (.other(.null), nil)
        }
    }

    /// Checks a top-level array with exactly the errors `parseArray` would throw, building
    /// one member at a time and dropping it. Returns where the first member starts.
    private mutating func checkBatch() throws(Failure) -> Int {
        index += 1
        skipWhitespace()
        let first = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return first
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                var request = RequestMembers()  // keeps four members, not the object
                try parseMembers(depth: 2, into: &request)
            } else {
                _ = try parseValue(depth: 1)
            }
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return first
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSON {
        // Swift cannot yet forward typed throws out of withUnsafeBytes' closure, so carry it.
        let outcome: Result<JSON, Failure> = bytes.withUnsafeBytes { raw in
            do throws(Failure) { return .success(try parse(raw)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    public static func parse(_ text: String) throws(Failure) -> JSON {
        try parse(Array(text.utf8))
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func failure(_ reason: String) -> Failure {
        Failure(reason: "\(reason) at byte \(index)", offset: index)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSON {
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw failure("invalid literal") }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw failure("invalid literal")
        }
        index += count
    }

    @inline(__always)  // as it was inlined before it had a sink of its own
    private mutating func parseObject(depth: Int) throws(Failure) -> JSON {
        var members = ObjectMembers()
        try parseMembers(depth: depth, into: &members)
        return .object(members.array)
    }

    /// Parses an object, handing each member to `sink` in document order.
    private mutating func parseMembers<Sink: MemberSink>(depth: Int, into sink: inout Sink) throws(Failure) {
        guard depth <= JSONParser.maxDepth else { throw failure("nesting deeper than \(JSONParser.maxDepth) levels") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a string key")
            }
            let key = try parseString(interning: true)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            sink.add(key, try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSON {
        guard depth <= JSONParser.maxDepth else { throw failure("nesting deeper than \(JSONParser.maxDepth) levels") }
        index += 1
        var elements: [JSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(Failure) -> JSON {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func parseString(interning: Bool = false) throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, most keys and values. The scan stops at the closing quote,
        // a backslash or a control character, whichever comes first, eight bytes at a time.
        index = JSONEscaping.firstEscape(in: bytes, from: start)
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\\") else { return try parseEscapedString(from: start) }
        guard bytes[index] == UInt8(ascii: "\"") else { throw failure("unescaped control character in a string") }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if interning, let key = RequestMembers.key(spelled: slice) { return key }
        if JSONEscaping.isASCII(slice) { return String(decoding: slice, as: UTF8.self) }  // valid as it is
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw Failure(reason: "invalid UTF-8 in a string at byte \(start)", offset: start)
        }
        return text
    }

    private mutating func parseEscapedString(from start: Int) throws(Failure) -> String {
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw Failure(reason: "invalid UTF-8 in a string at byte \(start)", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try appendEscape(to: &buffer)
            case 0..<0x20:
                index -= 1
                throw failure("unescaped control character in a string")
            default:
                buffer.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func appendEscape(to buffer: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure("unterminated string") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
               bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = save  // not a pair: the next escape is read on its own
                }
            }
            let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            index -= 1
            throw failure("invalid escape")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

/// Where the parser puts an object's members: an array for a JSON value, or just the
/// members a request needs.
protocol MemberSink {
    mutating func add(_ key: String, _ value: JSON)
}

/// An object's members as the parser finds them. A lone member waits in place, so an
/// object of one member (the usual params) costs one allocation of its exact size, and a
/// larger one starts with room for four: reserving eight for every object, as before, made
/// `[{},{},…]` or a long list of small objects cost 130 bytes of memory per byte of text.
/// An empty object allocates nothing.
struct ObjectMembers: MemberSink {
    private var lone: JSONMember?
    private var all: [JSONMember] = []

    mutating func add(_ key: String, _ value: JSON) {
        if all.isEmpty {
            guard let first = lone else {
                lone = JSONMember(key, value)
                return
            }
            lone = nil
            all.reserveCapacity(4)
            all.append(first)
        }
        all.append(JSONMember(key, value))
    }

    var array: [JSONMember] {
        if let lone { return [lone] }
        return all
    }
}
