/// The rules Excel enforces on sheet names, applied so that any input gives a name Excel
/// accepts instead of a "repair" prompt.
enum SheetName {
    /// Excel counts the limit in UTF-16 code units.
    static let maxLength = 31

    /// `name` made acceptable on its own: each of `[ ] : * ? / \` and each control or
    /// noncharacter becomes `_`, leading and trailing apostrophes and spaces are removed,
    /// the reserved name "History" gets a suffix, and the result is cut to 31 UTF-16 units
    /// on a character boundary. An empty result becomes `fallback`.
    static func sanitized(_ name: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\", "\u{FFFE}", "\u{FFFF}":
                scalars.append("_")
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                scalars.append("_")
            default:
                scalars.append(scalar)
            }
        }
        var result = trimmed(String(scalars))
        if result.lowercased() == "history" { result += "_" }
        result = result.truncated(toUTF16Length: maxLength)
        result = trimmed(result)  // truncation can expose a trailing apostrophe or space
        return result.isEmpty ? fallback : result
    }

    /// `names` sanitized and made unique ignoring case, as Excel requires, by appending
    /// " (2)", " (3)"… and shortening the base name to keep within 31 units.
    static func uniqueNames(_ names: [String]) -> [String] {
        var taken: Set<String> = []
        var result: [String] = []
        result.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            let base = sanitized(name, fallback: "Sheet\(index + 1)")
            var candidate = base
            var number = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                let room = maxLength - suffix.utf16.count
                candidate = trimmed(base.truncated(toUTF16Length: room)) + suffix
                number += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    private static func trimmed(_ text: String) -> String {
        let isEdge: (Character) -> Bool = { $0 == "'" || $0 == " " }
        guard let first = text.firstIndex(where: { !isEdge($0) }),
              let last = text.lastIndex(where: { !isEdge($0) }) else { return "" }
        return String(text[first...last])
    }
}
