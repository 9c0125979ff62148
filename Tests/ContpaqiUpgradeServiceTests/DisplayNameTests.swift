import JSONRPC
import Testing

/// The contact's name in `From` (API.md §3): encoded-words break only before the name's own
/// spaces, so RFC 2047 readers read it exactly and readers that keep the white space between
/// encoded-words (Python's `policy.default`) never see a word split in two.
@Suite struct DisplayNameTests {
    let service = Service()

    static let names = [
        "José María Fernández de la Peña Ñúñez Gutiérrez Hernández Rodríguez",
        "Óscar Iñaki Núñez Pérez Gómez Jiménez Martínez Ramírez",
        (0..<60).map { ["Él", "Tú", "Sé", "Mí", "Té", "Dé"][$0 % 6] }.joined(separator: " "),
    ]

    /// The unfolded `From` value's tokens, without the address.
    private func fromTokens(_ name: String) throws -> [Substring] {
        let message = try #require(service.result("requestKeys", Sample.request(contact: name))?["message"]?.text)
        let head = try #require(message.split(separator: "\r\n\r\n").first)
        let from = try #require(head.replacing("\r\n ", with: " ").split(separator: "\r\n").first { $0.hasPrefix("From: ") })
        #expect(head.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        return Array(from.dropFirst("From: ".count).split(separator: " ").dropLast())
    }

    @Test(arguments: names)
    func readersFollowingRFC2047ReadTheNameExactly(_ name: String) throws {
        var text = ""
        var previousWasEncoded = false
        for (index, token) in try fromTokens(name).enumerated() {
            let decoded = EncodedWordReader.decode(token)
            // §6.2: white space between adjacent encoded-words is not part of the text.
            if index > 0 && !(previousWasEncoded && decoded != nil) { text += " " }
            text += decoded ?? String(token)
            previousWasEncoded = decoded != nil
        }
        #expect(text == name)
    }

    @Test(arguments: names)
    func everyBreakBetweenEncodedWordsIsBeforeASpaceOfTheName(_ name: String) throws {
        let tokens = try fromTokens(name)
        let adjacent = zip(tokens, tokens.dropFirst()).compactMap { pair -> (String, String)? in
            guard let first = EncodedWordReader.decode(pair.0), let second = EncodedWordReader.decode(pair.1) else { return nil }
            return (first, second)
        }
        #expect(!adjacent.isEmpty, "a name this long needs several encoded-words")
        #expect(adjacent.allSatisfy { !$0.0.hasSuffix(" ") && $0.1.hasPrefix(" ") }, "\(adjacent)")
        #expect(tokens.allSatisfy { $0.utf8.count <= 75 })
    }
}

/// A UTF-8 encoded-word, B or Q, decoded on its own; nil for any other token.
enum EncodedWordReader {
    static func decode(_ token: Substring) -> String? {
        guard token.hasPrefix("=?UTF-8?"), token.hasSuffix("?="), token.count > 12 else { return nil }
        let payload = String(token.dropFirst(10).dropLast(2))
        switch token.dropFirst(8).first {
        case "B":
            return Base64Decoder.decode(payload).flatMap { String(validating: $0, as: UTF8.self) }
        case "Q":
            var bytes: [UInt8] = []
            var rest = Substring(payload)
            while let first = rest.first {
                if first == "=" {
                    guard let value = UInt8(rest.dropFirst().prefix(2), radix: 16) else { return nil }
                    bytes.append(value)
                    rest = rest.dropFirst(3)
                } else {
                    bytes.append(first == "_" ? UInt8(ascii: " ") : first.asciiValue ?? 0)
                    rest = rest.dropFirst()
                }
            }
            return String(validating: bytes, as: UTF8.self)
        default:
            return nil
        }
    }
}
