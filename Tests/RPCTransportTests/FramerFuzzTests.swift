import JSONRPC
import RPCTransport
import Testing

/// The framer checks syntax on the fly and the parser checks it again: they must agree on
/// what one JSON text is. Seeded random texts, valid and mutated, fed to both.
@Suite struct FramerFuzzTests {
    private struct TextGenerator {
        var random: SplitMix64

        mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

        mutating func space() -> String {
            chance(60) ? "" : pick([" ", "  ", "\t", "\n", "\r\n", " \n  "])
        }

        mutating func value(depth: Int) -> String {
            let kind = depth >= 4 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<6, using: &random)
            switch kind {
            case 0: return pick(["null", "true", "false"])
            case 1: return pick(["0", "-0", "12", "-3.25", "1e5", "2E-7", "9223372036854775807", "0.5e+10", "-1"])
            case 2, 3: return string()
            case 4:
                let count = Int.random(in: 0...3, using: &random)
                let elements = (0..<count).map { _ in space() + value(depth: depth + 1) + space() }
                return "[" + (elements.isEmpty ? space() : elements.joined(separator: ",")) + "]"
            default:
                let count = Int.random(in: 0...3, using: &random)
                let members = (0..<count).map { _ in
                    space() + string() + space() + ":" + space() + value(depth: depth + 1) + space()
                }
                return "{" + (members.isEmpty ? space() : members.joined(separator: ",")) + "}"
            }
        }

        mutating func string() -> String {
            let count = Int.random(in: 0...4, using: &random)
            let pieces = (0..<count).map { _ in pick(["a", "Z", " ", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\uD83D\\uDE00", "é", "{", "]", ":"]) }
            return "\"" + pieces.joined() + "\""
        }

        /// A few random edits with bytes that matter to JSON syntax.
        mutating func mutate(_ text: String) -> [UInt8] {
            var bytes = Array(text.utf8)
            let alphabet = Array("{}[]:,\"\\ 0123456789-+.eEtrufalsn\n\r\t".utf8)
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1 where position < bytes.count: bytes[position] = pick(alphabet)
                default: bytes.insert(pick(alphabet), at: position)
                }
            }
            return bytes
        }
    }

    private func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(bytes[first...last])
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func framerAndParserAgreeOnWhatOneTextIs(seed: UInt64) {
        var generator = TextGenerator(random: SplitMix64(state: seed))
        var accepted = 0
        for _ in 0..<1500 {
            let text = generator.space() + generator.value(depth: 0) + generator.space()
            let input = generator.chance(30) ? Array(text.utf8) : generator.mutate(text)
            // UTF-8 is the parser's job alone (the framer never decodes), so skip broken UTF-8.
            guard String(validating: input, as: UTF8.self) != nil else { continue }
            let parserAccepts = (try? JSONParser.parse(input)) != nil
            let framed = frame(input, split: .random(seed: seed))
            let oneMessage = framed.all == [.message(trimmed(input))]
            #expect(parserAccepts == oneMessage,
                    "\(String(decoding: input, as: UTF8.self).debugDescription): parser \(parserAccepts), framer \(framed.all)")
            #expect(frame(input, split: .whole).all == framed.all, "split changed the events")
            if parserAccepts { accepted += 1 }
        }
        #expect(accepted > 300)  // the generator is not just producing garbage
    }

    /// A random object or array cut short, then a request on the next line: one error, then
    /// that request, however the bytes are split. Cuts after `:`, `[` or `,` are left out: a
    /// value may belong there, and then the next line's `{` is rightly read as that value.
    @Test(arguments: [UInt64(5), 6])
    func aTruncatedLineNeverCostsTheRequestOnTheNextLine(seed: UInt64) {
        var generator = TextGenerator(random: SplitMix64(state: seed))
        let next = #"{"jsonrpc":"2.0","id":2,"method":"getCatalog"}"#
        var checked = 0
        for _ in 0..<3000 {
            let text = Array(generator.value(depth: 0).utf8)
            guard text.count > 1 && (text[0] == UInt8(ascii: "{") || text[0] == UInt8(ascii: "[")) else { continue }
            let prefix = text[..<Int.random(in: 1..<text.count, using: &generator.random)]
            let last = trimmed(Array(prefix)).last
            guard last != UInt8(ascii: ":") && last != UInt8(ascii: "[") && last != UInt8(ascii: ",") else { continue }
            let input = Array(prefix) + Array(generator.pick(["\n", "\r\n", "\n  ", "\n\n\t"]).utf8) + Array((next + "\n").utf8)
            let events = frame(input, split: .byteByByte).all
            var brokenFirst = false
            if events.count == 2, case .malformed = events[0] { brokenFirst = true }
            #expect(brokenFirst && events.last == .message(next),
                    "\(String(decoding: input, as: UTF8.self).debugDescription): \(events)")
            #expect(frame(input, split: .whole).all == events, "split changed the events")
            #expect(frame(input, split: .random(seed: seed)).all == events, "split changed the events")
            checked += 1
        }
        #expect(checked > 500)  // most cuts are checked, not skipped
    }
}
