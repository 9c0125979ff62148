/// Folding of free text typed by a person into comparable words: lower case, no accents,
/// dashes and white space as word breaks. Done over Unicode scalars with the standard
/// library alone, so it behaves the same whether the input arrived composed (`ó`, U+00F3)
/// or decomposed (`o` + U+0301).
enum TextFolding {
    /// The words of `text`, folded. `"CONTPAQ i – Nóminas"` gives
    /// `["contpaq", "i", "nominas"]`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isBreak(scalar) {
                if !current.isEmpty {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                }
            } else if scalar.isASCII {  // most input: fold without building a String per scalar
                let value = scalar.value
                current.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else if !isCombiningAccent(scalar) {
                current.append(contentsOf: fold(scalar).unicodeScalars)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// White space of any kind (tab, no-break space, …) and the dashes people and word
    /// processors put between "CONTPAQ i" and the system name.
    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}":
            true
        default:
            scalar.properties.isWhitespace
        }
    }

    /// Combining diacritical marks (U+0300–U+036F): the accent of a decomposed letter.
    private static func isCombiningAccent(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value)
    }

    /// One scalar in lower case without its accent. The Spanish accented letters are
    /// spelled out so the result never depends on a normalisation table.
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "á", "à", "ä", "â", "Á", "À", "Ä", "Â": "a"
        case "é", "è", "ë", "ê", "É", "È", "Ë", "Ê": "e"
        case "í", "ì", "ï", "î", "Í", "Ì", "Ï", "Î": "i"
        case "ó", "ò", "ö", "ô", "Ó", "Ò", "Ö", "Ô": "o"
        case "ú", "ù", "ü", "û", "Ú", "Ù", "Ü", "Û": "u"
        case "ñ", "Ñ": "n"
        default: scalar.properties.lowercaseMapping
        }
    }
}
