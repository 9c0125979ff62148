/// RFC 6901 JSON Pointers for `data.errors[].path`.
public enum JSONPointer {
    /// Appends one reference token, escaping `~` and `/` as the RFC requires.
    public static func appending(_ token: String, to pointer: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return pointer + "/" + token
        }
        // By scalar, not by Character: "~" followed by a combining mark is one Character
        // that is not equal to "~", and would slip through unescaped.
        var escaped = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": escaped.append(contentsOf: "~0".unicodeScalars)
            case "/": escaped.append(contentsOf: "~1".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return pointer + "/" + String(escaped)
    }

    public static func appending(_ index: Int, to pointer: String) -> String {
        pointer + "/" + String(index)
    }
}
