import JSONRPC

/// The scanner's fast path. Every byte of every request passes through the framer, so the
/// moves that well-formed JSON makes all the time are made here, in a tight loop, instead
/// of one `step` call per byte. Each move is exactly the one `step` would make; anything
/// else is left to `step`. A chunk's end stops the fast path anywhere, so the tests cut the
/// same inputs at every point (StreamFastPathTests) and the events must not change.
extension StreamScanner {
    /// Makes the common moves from `start`: white space, brackets, keys, `:`, `,`, string
    /// bodies, escapes and integers; a text that ends with its closing bracket is delivered.
    /// Returns `end`, or the index of a byte for `step` (a top-level scalar, an empty
    /// container, a fraction, a literal, an escape cut by the chunk's end, anything wrong).
    /// `textStart` is kept as `push` keeps it.
    @inline(__always)
    mutating func takeCommonMoves(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, textStart: inout Int,
                                  limit: Int, _ handle: (FrameEvent) -> Void) -> Int {
        let quote = UInt8(ascii: "\"")
        var index = start
        while index < end {
            let byte = base[index]
            switch state {
            case .string:
                index = takeStrings(base, from: index, to: end)
                if state == .string { return index }  // an escape, a control byte, a top-level string's end
            case .between:
                // White space, then the bracket that opens the next text.
                index = firstNonSpace(base, from: index, to: end)
                guard index < end else { return end }
                let next = base[index]
                guard next == UInt8(ascii: "{") || next == UInt8(ascii: "[") else { return index }
                textStart = index
                open(object: next == UInt8(ascii: "{"))
                index = takeQuote(base, after: index, to: end)
            case .key, .keyOrClose:
                if byte == quote {
                    inKey = true
                    state = .string
                } else if !isSpace(byte) {
                    return index
                }
            case .colon:
                if byte == UInt8(ascii: ":") {
                    state = .value
                    index = takeQuote(base, after: index, to: end)
                } else if !isSpace(byte) {
                    return index
                }
            case .value, .valueOrClose:
                if byte == quote {
                    state = .string
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    guard depth < StreamScanner.maxDepth else { return index }
                    open(object: byte == UInt8(ascii: "{"))
                    index = takeQuote(base, after: index, to: end)
                } else if byte &- UInt8(ascii: "1") < 9 {
                    state = .integer
                    index &+= 1
                    guard index < end else { return end }
                    fallthrough  // the rest of the number, and what follows it, in this turn
                } else if !isSpace(byte) {
                    return index
                }
            case .integer:
                while isDigit(base[index]) {
                    index &+= 1
                    guard index < end else { return end }
                }
                // Anything but `.` or an exponent ends the number; that byte is read again.
                let after = base[index]
                guard depth > 0 && after != UInt8(ascii: ".") && after | 0x20 != UInt8(ascii: "e") else { return index }
                state = .commaOrClose
                fallthrough
            case .commaOrClose:
                let byte = base[index]
                if byte == UInt8(ascii: ",") {
                    state = innermostIsObject ? .key : .value
                    index = takeQuote(base, after: index, to: end)
                } else if byte == (innermostIsObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    closeLevel()
                    if depth == 0 {  // the outermost: the text ends here
                        emitText(UnsafeBufferPointer(start: base + textStart, count: index &+ 1 &- textStart), limit: limit, handle)
                    }
                } else if !isSpace(byte) {
                    return index
                }
            case .discardLine, .afterScalar, .escape, .hex, .minus, .zero, .dot, .fraction, .exponentMark,
                 .exponentSign, .exponent, .literal:
                return index
            }
            index &+= 1
        }
        return index
    }

    /// Reads on in a string: its body and, as JSON joins most strings with `:` or `,` (and
    /// maybe white space), a whole run like `jsonrpc":"2.0", "id`. Returns the index of the
    /// last byte taken once the state has moved on, or, still in `.string`, `end` or the
    /// byte for `step`.
    @inline(__always)
    private mutating func takeStrings(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        let quote = UInt8(ascii: "\"")
        var index = start
        while true {
            index = JSONEscaping.firstSpecialByte(base, from: index, to: end)
            if index == end { return end }
            guard base[index] == quote else {
                // An escape: a complete, valid one is taken here; anything else is for `step`.
                guard let length = escapeLength(base, at: index, to: end) else { return index }
                index &+= length
                continue
            }
            let closedKey = inKey
            guard closedKey || depth > 0 else { return index }  // a top-level string: `step` holds it
            inKey = false
            state = closedKey ? .colon : .commaOrClose
            var next = index &+ 1
            guard next < end && base[next] == (closedKey ? UInt8(ascii: ":") : UInt8(ascii: ",")) else { return index }
            state = closedKey || !innermostIsObject ? .value : .key
            next &+= 1
            if !(next < end && base[next] == quote) {  // white space first, if JSON is not compact
                next = firstNonSpace(base, from: next, to: end)
                guard next < end && base[next] == quote else { return next &- 1 }
            }
            inKey = state == .key
            state = .string
            index = next &+ 1
        }
    }

    /// The length of the escape at `index` (`\n`, `\"`, `\u00e9`, …) if it is valid and
    /// complete in this chunk: Python's `json.dumps` writes every non-ASCII letter as one.
    /// Not inlined, to keep the string loop's registers for its common case.
    @inline(never)
    private func escapeLength(_ base: UnsafePointer<UInt8>, at index: Int, to end: Int) -> Int? {
        guard base[index] == UInt8(ascii: "\\") && end &- index > 1 else { return nil }
        if isShortEscape(base[index &+ 1]) { return 2 }
        guard base[index &+ 1] == UInt8(ascii: "u") && end &- index > 5 && isHex(base[index &+ 2])
            && isHex(base[index &+ 3]) && isHex(base[index &+ 4]) && isHex(base[index &+ 5]) else { return nil }
        return 6
    }

    /// The first byte at or after `start` that is not white space, or `end`.
    @inline(__always)
    private func firstNonSpace(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index < end && isSpace(base[index]) { index &+= 1 }
        return index
    }

    /// After `{`, `[`, `:` or `,`, compact JSON most often opens a string at once: its quote
    /// is taken in the same move. Returns the index of the last byte taken.
    @inline(__always)
    private mutating func takeQuote(_ base: UnsafePointer<UInt8>, after index: Int, to end: Int) -> Int {
        guard end &- index > 1 && base[index &+ 1] == UInt8(ascii: "\"") else { return index }
        if state == .key || state == .keyOrClose { inKey = true }  // as `step`: a value leaves it alone
        state = .string
        return index &+ 1
    }
}
