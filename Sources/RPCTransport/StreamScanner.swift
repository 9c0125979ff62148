/// Finds where each JSON text ends in a stream of texts, checking the syntax as bytes arrive.
///
/// A pushdown automaton over bytes rather than a line splitter: pretty-printed requests
/// span lines, and several texts may share one. Checking syntax on the fly is what lets a
/// broken text cost one error and a skip to the next line, instead of swallowing the valid
/// requests after it while waiting for a bracket that never comes. When the error is a `{`
/// or `[` opening its line, the broken text was a truncated line and that byte starts the
/// next request: reading resumes at it rather than dropping it with the line.
///
/// A top-level object or array is delivered at its closing bracket. A top-level string,
/// number or literal is held until the next byte on its line: a byte that can start a new
/// text, a line end or the end of input delivers it; anything else makes the whole line one
/// error. So a line `  "id": 1,` left over from a broken pretty-printed message costs one
/// -32700, not an "Invalid Request" for the string `"id"` followed by a -32700 for `:`.
///
/// `step` below is the whole automaton, one byte at a time. Most bytes never reach it: the
/// common moves of well-formed JSON are made in a tight loop (StreamScanner+CommonMoves.swift)
/// that must agree with it move for move. Nothing is allocated per text or bracket, and
/// nothing is computed per byte that only an error needs.
struct StreamScanner {
    // Not private: the fast path in the other file reads and moves the automaton's state.
    enum State: UInt8 {
        case between, discardLine
        case afterScalar  // a top-level scalar is complete and held in `pending`
        case value, valueOrClose, keyOrClose, key, colon, commaOrClose
        case string, escape, hex
        case minus, zero, integer, dot, fraction, exponentMark, exponentSign, exponent
        case literal
    }

    /// Why a text is not JSON: the -32700 reason. An enum, not a String, so that a step's
    /// result stays a plain value that costs nothing to pass around.
    private enum Failure: String {
        case afterText = "unexpected character after a JSON text"
        case unexpected = "unexpected character"
        case key = "expected a string key"
        case colon = "expected ':'"
        case closeObject = "expected ',' or '}'"
        case closeArray = "expected ',' or ']'"
        case control = "unescaped control character in a string"
        case escape = "invalid escape"
        case unicodeEscape = "invalid \\u escape"
        case number = "invalid number"
        case leadingZero = "invalid number: leading zero"
        case literal = "invalid literal"
        case tooDeep = "nesting deeper than 128 levels"  // `maxDepth`
    }

    static let maxDepth = 128
    var state = State.between
    // The open containers as a stack of bits, innermost in bit 0 of `innerLevels`: 1 for `{`,
    // 0 for `[`. `maxDepth` levels fit in the two words, so a bracket never allocates.
    private var innerLevels: UInt64 = 0, outerLevels: UInt64 = 0
    private(set) var depth = 0
    // The string being read is a key.
    var inKey = false
    private var hexLeft = 0
    private var literalRest: UInt64 = 0      // the literal's bytes still expected, next one lowest
    private var pending: [UInt8] = []        // the current text, when it spans chunks
    private var pendingLength = 0            // its length, even when too long to keep
    private var oversized = false
    // Only blanks since the last line end, as of the end of the last chunk that ended inside a
    // text: the one fact about earlier chunks `isFirstOnLine` needs. Set at chunk ends, not
    // per byte, so the well-formed path pays nothing for it. A stream starts a line.
    private var lineBlankSoFar = true

    /// Memory held for the text in progress.
    var bufferedBytes: Int { pending.capacity }

    /// A text (or a broken line being skipped) has begun and not ended.
    var isMidText: Bool { state != .between }

    mutating func push(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, limit: Int,
                       _ handle: (FrameEvent) -> Void) {
        var textStart = first  // where the current text starts in this chunk, or `first`
        if let base = bytes.baseAddress {
            let end = bytes.count
            var index = first
            while index < end {
                index = takeCommonMoves(base, from: index, to: end, textStart: &textStart, limit: limit, handle)
                if index == end { break }
                let byte = base[index]
                if state == .between { textStart = index }  // the text, if any, starts here
                switch step(byte) {
                case .consumed:
                    index += 1
                case .again:
                    continue
                case .completed:
                    emitText(UnsafeBufferPointer(start: base + textStart, count: index + 1 - textStart), limit: limit, handle)
                    index += 1
                case .held(let including):
                    let textEnd = including ? index + 1 : index
                    keep(UnsafeBufferPointer(start: base + textStart, count: textEnd - textStart), limit: limit)
                    state = .afterScalar
                    index = textEnd  // without the byte, it is read again after the text
                case .released:
                    emitText(UnsafeBufferPointer(start: base + index, count: 0), limit: limit, handle)  // all in `pending`
                case .failed(let failure):
                    // The bytes of the text read so far, however the input was split. Judged on
                    // the length, not on `oversized`, which is only known at chunk ends: the
                    // event must not depend on how the input was split.
                    let length = pendingLength + (state == .afterScalar ? 0 : index - textStart)
                    handle(length > limit ? .oversized(bytes: length) : .malformed(reason: failure.rawValue))
                    resetText()
                    if (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")) && isFirstOnLine(base, at: index, from: first) {
                        state = .between  // a truncated line before it: the byte opens the next text
                    } else {
                        state = byte == 0x0A ? .between : .discardLine
                        index += 1
                    }
                }
            }
        }
        if state != .between && state != .discardLine && state != .afterScalar {
            keep(UnsafeBufferPointer(rebasing: bytes[textStart...]), limit: limit)
            // Only a text in progress can fail at a later chunk's first non-blank byte.
            if let base = bytes.baseAddress { lineBlankSoFar = isFirstOnLine(base, at: bytes.count, from: first) }
        }
    }

    /// Whether only blanks (space, tab, CR) stand before `index` on its line. Looks back from
    /// the error rather than tracking line starts as bytes pass; before `first` (an earlier
    /// chunk) it goes by `lineBlankSoFar`.
    private func isFirstOnLine(_ base: UnsafePointer<UInt8>, at index: Int, from first: Int) -> Bool {
        var before = index
        while before > first {
            before -= 1
            if base[before] == 0x0A { return true }
            if !isSpace(base[before]) { return false }
        }
        return lineBlankSoFar
    }

    mutating func finish(limit: Int, _ handle: (FrameEvent) -> Void) {
        switch state {
        case .between, .discardLine:
            return
        case .afterScalar,
             .zero where depth == 0, .integer where depth == 0, .fraction where depth == 0, .exponent where depth == 0:
            // A top-level scalar (or number) ends at end of input; it is already in `pending`.
            emitText(UnsafeBufferPointer(start: nil, count: 0), limit: limit, handle)
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

    /// Delivers the text: what is in `pending` followed by `tail`, the rest of it in this chunk.
    mutating func emitText(_ tail: UnsafeBufferPointer<UInt8>, limit: Int, _ handle: (FrameEvent) -> Void) {
        let length = pendingLength + tail.count
        if oversized || length > limit {
            handle(.oversized(bytes: length))
        } else if pending.isEmpty {
            handle(.message(UnsafeRawBufferPointer(tail)))
        } else {
            pending.append(contentsOf: tail)
            pending.withUnsafeBytes { handle(.message($0)) }
        }
        resetText()
        state = .between
    }

    private mutating func resetText() {
        // Keep a small buffer for the next text; give back a large one. Most texts never
        // touch it (they fit in one chunk), so an empty one is left alone.
        if !pending.isEmpty {
            if pending.capacity > 1 << 16 { pending = [] } else { pending.removeAll(keepingCapacity: true) }
        }
        pendingLength = 0
        oversized = false
        inKey = false  // a text that failed inside a key must not make the next one's first string a key
        depth = 0
        innerLevels = 0
        outerLevels = 0
    }

    private enum Step {
        case consumed
        case again                   // the state changed without reading the byte: read it again
        case completed               // a top-level object or array ends with this byte
        case held(including: Bool)   // a top-level scalar ends with this byte (`including`) or before it
        case released                // the held scalar is a text of its own; the byte is read again after it
        case failed(Failure)
    }

    /// The whole automaton, one byte at a time: the bytes the fast path leaves (the first and
    /// last of a scalar text, escapes, fractions, literals, errors, …).
    private mutating func step(_ byte: UInt8) -> Step {
        switch state {
        case .between, .value:
            return isSpace(byte) ? .consumed : startValue(byte)
        case .discardLine:
            if byte == 0x0A { state = .between }
            return .consumed
        case .afterScalar:
            if byte == 0x0A { return .released }
            if isSpace(byte) { return .consumed }
            return startsValue(byte) ? .released : .failed(.afterText)
        case .valueOrClose:
            if isSpace(byte) { return .consumed }
            return byte == UInt8(ascii: "]") ? close(byte) : startValue(byte)
        case .keyOrClose, .key:
            if byte == UInt8(ascii: "\"") {
                inKey = true
                state = .string
                return .consumed
            }
            if isSpace(byte) { return .consumed }
            if byte == UInt8(ascii: "}") && state == .keyOrClose { return close(byte) }
            return .failed(.key)
        case .colon:
            if byte == UInt8(ascii: ":") { state = .value; return .consumed }
            return isSpace(byte) ? .consumed : .failed(.colon)
        case .commaOrClose:
            if byte == UInt8(ascii: ",") {
                state = innermostIsObject ? .key : .value
                return .consumed
            }
            return isSpace(byte) ? .consumed : close(byte)
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
            case 0..<0x20: return .failed(.control)
            default: return .consumed
            }
        case .escape:
            if isShortEscape(byte) {
                state = .string
            } else if byte == UInt8(ascii: "u") {
                state = .hex
                hexLeft = 4
            } else {
                return .failed(.escape)
            }
            return .consumed
        case .hex:
            guard isHex(byte) else { return .failed(.unicodeEscape) }
            hexLeft -= 1
            if hexLeft == 0 { state = .string }
            return .consumed
        case .minus:
            if byte == UInt8(ascii: "0") { state = .zero; return .consumed }
            if isDigit(byte) { state = .integer; return .consumed }
            return .failed(.number)
        case .zero, .integer:
            if isDigit(byte) {
                if state == .zero { return .failed(.leadingZero) }
                return .consumed
            }
            if byte == UInt8(ascii: ".") { state = .dot; return .consumed }
            if byte | 0x20 == UInt8(ascii: "e") { state = .exponentMark; return .consumed }
            return numberEnded()
        case .dot:
            guard isDigit(byte) else { return .failed(.number) }
            state = .fraction
            return .consumed
        case .fraction:
            if isDigit(byte) { return .consumed }
            if byte | 0x20 == UInt8(ascii: "e") { state = .exponentMark; return .consumed }
            return numberEnded()
        case .exponentMark:
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { state = .exponentSign; return .consumed }
            fallthrough
        case .exponentSign:
            guard isDigit(byte) else { return .failed(.number) }
            state = .exponent
            return .consumed
        case .exponent:
            return isDigit(byte) ? .consumed : numberEnded()
        case .literal:
            guard byte == UInt8(truncatingIfNeeded: literalRest) else { return .failed(.literal) }
            literalRest >>= 8
            return literalRest == 0 ? scalarEnded(including: true) : .consumed
        }
    }

    private func startsValue(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "n")
    }

    /// The first byte of a value.
    private mutating func startValue(_ byte: UInt8) -> Step {
        switch byte {
        case UInt8(ascii: "\""): state = .string
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < StreamScanner.maxDepth else { return .failed(.tooDeep) }
            open(object: byte == UInt8(ascii: "{"))
        case UInt8(ascii: "-"): state = .minus
        case UInt8(ascii: "0"): state = .zero
        case UInt8(ascii: "1")...UInt8(ascii: "9"): state = .integer
        case UInt8(ascii: "t"): beginLiteral(rest: "rue")
        case UInt8(ascii: "f"): beginLiteral(rest: "alse")
        case UInt8(ascii: "n"): beginLiteral(rest: "ull")
        default: return .failed(.unexpected)
        }
        return .consumed
    }

    /// The rest of the literal is packed into `literalRest`, first byte lowest: no allocation.
    private mutating func beginLiteral(rest: StaticString) {
        literalRest = 0
        for offset in (0..<rest.utf8CodeUnitCount).reversed() {
            literalRest = literalRest << 8 | UInt64(rest.utf8Start[offset])
        }
        state = .literal
    }

    var innermostIsObject: Bool { innerLevels & 1 != 0 }

    @inline(__always)
    mutating func open(object: Bool) {
        outerLevels = outerLevels << 1 | innerLevels >> 63
        innerLevels = innerLevels << 1 | (object ? 1 : 0)
        depth += 1
        state = object ? .keyOrClose : .valueOrClose
    }

    @inline(__always)
    mutating func closeLevel() {
        innerLevels = innerLevels >> 1 | outerLevels << 63
        outerLevels >>= 1
        depth -= 1
    }

    private mutating func close(_ byte: UInt8) -> Step {
        let isObject = innermostIsObject
        guard byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
            return .failed(isObject ? .closeObject : .closeArray)
        }
        closeLevel()
        if depth == 0 { return .completed }
        state = .commaOrClose
        return .consumed
    }

    private mutating func scalarEnded(including: Bool) -> Step {
        if depth == 0 { return .held(including: including) }
        state = .commaOrClose
        return .consumed
    }

    /// A number ends at the first byte that cannot continue it; that byte is read again.
    private mutating func numberEnded() -> Step {
        if depth == 0 { return .held(including: false) }
        state = .commaOrClose
        return .again
    }

    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    /// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`: the escapes that are two bytes long.
    func isShortEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): true
        default: false
        }
    }
    func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
}
