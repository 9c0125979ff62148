/// Finds where each JSON text ends in a stream of texts, checking the syntax as bytes arrive.
///
/// A pushdown automaton over bytes rather than a line splitter: pretty-printed requests
/// span lines, and several texts may share one. Checking syntax on the fly is what lets a
/// broken text cost one error and a skip to the next line, instead of swallowing the valid
/// requests after it while waiting for a bracket that never comes.
///
/// A top-level object or array is delivered at its closing bracket. A top-level string,
/// number or literal is held until the next byte on its line: a byte that can start a new
/// text, a line end or the end of input delivers it; anything else makes the whole line one
/// error. So a line `  "id": 1,` left over from a broken pretty-printed message costs one
/// -32700, not an "Invalid Request" for the string `"id"` followed by a -32700 for `:`.
struct StreamScanner {
    private enum State: UInt8 {
        case between, discardLine
        case afterScalar  // a top-level scalar is complete and held in `pending`
        case value, valueOrClose, keyOrClose, key, colon, commaOrClose
        case string, escape, hex
        case minus, zero, integer, dot, fraction, exponentMark, exponentSign, exponent
        case literal
    }

    private static let maxDepth = 128
    private var state = State.between
    private var containers: [UInt8] = []     // "{" or "[" for each open level
    private var inKey = false
    private var hexLeft = 0
    private var literal: [UInt8] = []
    private var literalIndex = 0
    private var pending: [UInt8] = []        // the current text, when it spans chunks
    private var pendingLength = 0            // its length, even when too long to keep
    private var oversized = false

    /// Memory held for the text in progress.
    var bufferedBytes: Int { pending.capacity + containers.capacity }

    mutating func push(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, limit: Int,
                       _ handle: (FrameEvent) -> Void) {
        var textStart = first
        var index = first
        while index < bytes.count {
            if state == .string {
                // Most bytes of a request are inside strings: skip them without the automaton.
                var next = index
                while next < bytes.count {
                    let byte = bytes[next]
                    if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                    next += 1
                }
                if next > index {
                    index = next
                    continue
                }
            }
            let byte = bytes[index]
            if state == .between { textStart = index }  // the text, if any, starts here
            // The bytes of the current text read so far, however the input was split.
            let length = pendingLength + (state == .afterScalar ? 0 : index - textStart)
            switch step(byte) {
            case .consumed:
                index += 1
            case .completed:
                emitText(bytes, textStart..<index + 1, limit: limit, handle)
                index += 1
            case .held(let including):
                let end = including ? index + 1 : index
                keep(UnsafeBufferPointer(rebasing: bytes[textStart..<end]), limit: limit)
                state = .afterScalar
                if including { index += 1 }  // otherwise the byte is read again after the text
            case .released:
                emitText(bytes, index..<index, limit: limit, handle)  // all of it is in `pending`
            case .failed(let reason):
                // Judged on the length, not on `oversized`, which is only known at chunk ends:
                // the event must not depend on how the input was split.
                handle(length > limit ? .oversized(bytes: length) : .malformed(reason: reason))
                resetText()
                state = byte == 0x0A ? .between : .discardLine
                index += 1
            }
        }
        if state != .between && state != .discardLine && state != .afterScalar {
            keep(UnsafeBufferPointer(rebasing: bytes[textStart..<bytes.count]), limit: limit)
        }
    }

    mutating func finish(limit: Int, _ handle: (FrameEvent) -> Void) {
        switch state {
        case .between, .discardLine:
            return
        case .afterScalar,
             .zero where containers.isEmpty,
             .integer where containers.isEmpty, .fraction where containers.isEmpty, .exponent where containers.isEmpty:
            // A top-level scalar (or number) ends at end of input; it is already in `pending`.
            emitText(UnsafeBufferPointer(start: nil, count: 0), 0..<0, limit: limit, handle)
        default:
            handle(oversized ? .oversized(bytes: pendingLength) : .malformed(reason: "unexpected end of input"))
            resetText()
        }
        state = .between
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) {
        pendingLength += bytes.count
        if pendingLength > limit {
            oversized = true
            pending = []  // from here on only the length is tracked
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func emitText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, limit: Int,
                                   _ handle: (FrameEvent) -> Void) {
        let length = pendingLength + range.count
        if oversized || length > limit {
            handle(.oversized(bytes: length))
        } else if pending.isEmpty {
            handle(.message(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range]))))
        } else {
            pending.append(contentsOf: bytes[range])
            pending.withUnsafeBytes { handle(.message($0)) }
        }
        resetText()
        state = .between
    }

    private mutating func resetText() {
        // Keep a small buffer for the next text; give back a large one.
        if pending.capacity > 1 << 16 { pending = [] } else { pending.removeAll(keepingCapacity: true) }
        pendingLength = 0
        oversized = false
        containers.removeAll(keepingCapacity: true)
    }

    private enum Step {
        case consumed
        /// A top-level object or array ends with this byte.
        case completed
        /// A top-level scalar ends with this byte (`including`) or just before it.
        case held(including: Bool)
        /// The held scalar is a text of its own; this byte is read again after it.
        case released
        case failed(String)
    }

    private mutating func step(_ byte: UInt8) -> Step {
        switch state {
        case .between:
            return isSpace(byte) ? .consumed : startValue(byte)
        case .discardLine:
            if byte == 0x0A { state = .between }
            return .consumed
        case .afterScalar:
            if byte == 0x0A { return .released }
            if isSpace(byte) { return .consumed }
            return startsValue(byte) ? .released : .failed("unexpected character after a JSON text")
        case .value:
            return isSpace(byte) ? .consumed : startValue(byte)
        case .valueOrClose:
            if isSpace(byte) { return .consumed }
            return byte == UInt8(ascii: "]") ? close(byte) : startValue(byte)
        case .keyOrClose, .key:
            if isSpace(byte) { return .consumed }
            if byte == UInt8(ascii: "}") && state == .keyOrClose { return close(byte) }
            guard byte == UInt8(ascii: "\"") else { return .failed("expected a string key") }
            inKey = true
            state = .string
            return .consumed
        case .colon:
            if isSpace(byte) { return .consumed }
            guard byte == UInt8(ascii: ":") else { return .failed("expected ':'") }
            state = .value
            return .consumed
        case .commaOrClose:
            if isSpace(byte) { return .consumed }
            if byte == UInt8(ascii: ",") {
                state = containers.last == UInt8(ascii: "{") ? .key : .value
                return .consumed
            }
            return close(byte)
        case .string:
            switch byte {
            case UInt8(ascii: "\""):
                if inKey {
                    inKey = false
                    state = .colon
                    return .consumed
                }
                return scalarEnded(including: true)
            case UInt8(ascii: "\\"): state = .escape; return .consumed
            case 0..<0x20: return .failed("unescaped control character in a string")
            default: return .consumed
            }
        case .escape:
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                 UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                state = .string
            case UInt8(ascii: "u"):
                state = .hex
                hexLeft = 4
            default:
                return .failed("invalid escape")
            }
            return .consumed
        case .hex:
            guard isHex(byte) else { return .failed("invalid \\u escape") }
            hexLeft -= 1
            if hexLeft == 0 { state = .string }
            return .consumed
        case .minus:
            if byte == UInt8(ascii: "0") { state = .zero; return .consumed }
            if isDigit(byte) { state = .integer; return .consumed }
            return .failed("invalid number")
        case .zero, .integer:
            if isDigit(byte) {
                if state == .zero { return .failed("invalid number: leading zero") }
                return .consumed
            }
            if byte == UInt8(ascii: ".") { state = .dot; return .consumed }
            if byte | 0x20 == UInt8(ascii: "e") { state = .exponentMark; return .consumed }
            return numberEnded(before: byte)
        case .dot:
            guard isDigit(byte) else { return .failed("invalid number") }
            state = .fraction
            return .consumed
        case .fraction:
            if isDigit(byte) { return .consumed }
            if byte | 0x20 == UInt8(ascii: "e") { state = .exponentMark; return .consumed }
            return numberEnded(before: byte)
        case .exponentMark:
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { state = .exponentSign; return .consumed }
            fallthrough
        case .exponentSign:
            guard isDigit(byte) else { return .failed("invalid number") }
            state = .exponent
            return .consumed
        case .exponent:
            return isDigit(byte) ? .consumed : numberEnded(before: byte)
        case .literal:
            guard byte == literal[literalIndex] else { return .failed("invalid literal") }
            literalIndex += 1
            return literalIndex == literal.count ? scalarEnded(including: true) : .consumed
        }
    }

    private func startsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            true
        default:
            false
        }
    }

    /// The first byte of a value.
    private mutating func startValue(_ byte: UInt8) -> Step {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard containers.count < StreamScanner.maxDepth else {
                return .failed("nesting deeper than \(StreamScanner.maxDepth) levels")
            }
            containers.append(byte)
            state = byte == UInt8(ascii: "{") ? .keyOrClose : .valueOrClose
        case UInt8(ascii: "\""): state = .string
        case UInt8(ascii: "-"): state = .minus
        case UInt8(ascii: "0"): state = .zero
        case UInt8(ascii: "1")...UInt8(ascii: "9"): state = .integer
        case UInt8(ascii: "t"): beginLiteral("true")
        case UInt8(ascii: "f"): beginLiteral("false")
        case UInt8(ascii: "n"): beginLiteral("null")
        default: return .failed("unexpected character")
        }
        return .consumed
    }

    private mutating func beginLiteral(_ text: String) {
        literal = Array(text.utf8)
        literalIndex = 1
        state = .literal
    }

    private mutating func close(_ byte: UInt8) -> Step {
        let expected = containers.last == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        guard byte == expected else { return .failed("expected ',' or '\(Character(Unicode.Scalar(expected)))'") }
        containers.removeLast()
        if containers.isEmpty { return .completed }
        state = .commaOrClose
        return .consumed
    }

    private mutating func scalarEnded(including: Bool) -> Step {
        if containers.isEmpty { return .held(including: including) }
        state = .commaOrClose
        return .consumed
    }

    /// A number ends at the first byte that cannot continue it; that byte is read again.
    private mutating func numberEnded(before byte: UInt8) -> Step {
        if containers.isEmpty { return .held(including: false) }
        state = .commaOrClose
        return step(byte)
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
}
