/// How every text value is read (API.md §2), so that all of them agree: the JSON type,
/// leading and trailing white space trimmed, blank as missing, control characters left
/// inside refused.
enum TextInput {
    static let controlMessage = "El texto contiene caracteres de control (como saltos de línea), que no se permiten."

    /// The trimmed text of a JSON string. Throws `INVALID_TYPE` for another JSON type
    /// (`expected` names what was wanted), `ValueError.blank` when nothing is left, and
    /// `INVALID_TEXT` for control characters or invalid Unicode inside.
    static func read(_ decoder: any Decoder, expecting expected: String = "un texto") throws -> String {
        let text = try readTrimmed(decoder, expecting: expected)
        if let problem = problem(in: text) { throw ValueError(.invalidText, problem) }
        return text
    }

    /// `read` without the check for control characters, for a value whose own code covers
    /// them (an address is `INVALID_EMAIL`, whatever is wrong with it).
    static func readTrimmed(_ decoder: any Decoder, expecting expected: String = "un texto") throws -> String {
        let container = try decoder.singleValueContainer()
        let raw: String
        do {
            raw = try container.decode(String.self)
        } catch {
            throw ValueError(.invalidType, "Se esperaba \(expected), no \(jsonTypeName(decoder)).")
        }
        let text = trimmingWhiteSpace(raw)
        if text.isEmpty { throw ValueError.blank }
        return text
    }

    /// The JSON type of the value `decoder` holds, found by asking for each in turn (only
    /// on the way to an error message).
    static func jsonTypeName(_ decoder: any Decoder) -> String {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() { return "null" }
            if (try? container.decode(Bool.self)) != nil { return "boolean" }
            if (try? container.decode(String.self)) != nil { return "string" }
            if (try? container.decode(Double.self)) != nil { return "number" }
        }
        return (try? decoder.unkeyedContainer()) != nil ? "array" : "object"
    }

    /// Trims leading and trailing Unicode `White_Space` (space, tab, CR, LF, NBSP, U+2028…):
    /// values pasted from a spreadsheet cell carry a tab or a CRLF. Control characters left
    /// inside are refused by `problem(in:)`, never removed.
    static func trimmingWhiteSpace(_ text: String) -> String {
        // Most input starts and ends with printable ASCII other than a space: as it is.
        if let first = text.utf8.first, let last = text.utf8.last,
           first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isWhiteSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
    }

    /// C0, DEL, C1, U+2028/2029.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Why `text` cannot be accepted, or nil. U+FFFD stands for input that was not valid
    /// Unicode (the server's parser turns a lone surrogate escape into it).
    static func problem(in text: String) -> String? {
        // Printable ASCII, most input, is checked byte by byte without decoding scalars.
        var text = text
        let printableASCII = text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        if printableASCII { return nil }
        for scalar in text.unicodeScalars {
            if isControl(scalar) { return controlMessage }
            if scalar.value == 0xFFFD { return "El texto contiene Unicode inválido." }
        }
        return nil
    }

    /// Writes `text` as the single value of `encoder`.
    static func write(_ text: String, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
