import ContpaqiUpgradeAPI

/// The CONTPAQ i systems the catalog covers, by canonical name, and how what a person types
/// is matched to one of them.
///
/// Names, not cases: a catalog is a list of names (the built-in one is the source
/// document's), so another system is one more name.
public struct SystemTypeCatalog: Sendable {
    /// Canonical names, in catalog order (for drop-downs and error messages).
    public let types: [SystemType]
    /// Each name folded once, not on every lookup (parallel to `types`; not an array of
    /// tuples, whose metadata start-up would build from a mangled name).
    private let folded: [[UInt8]]

    public init(canonicalNames: [String]) {
        types = canonicalNames.map(SystemType.init)
        folded = types.map { type in
            TextFolding.foldedWords(type.name).withUnsafeBufferPointer { Array(Self.withoutBrandPrefix($0)) }
        }
    }

    /// The source document's four systems, in the order of its spreadsheet example.
    public static let builtIn = SystemTypeCatalog(canonicalNames: [
        "CONTPAQ i Factura electrónica", "CONTPAQ i Contabilidad", "CONTPAQ i Nóminas", "CONTPAQ i Bancos",
    ])

    public var names: [String] { types.map(\.name) }

    /// The system a person meant, under its canonical name, or nil.
    ///
    /// Case, accents, dashes and runs of white space are ignored, and so is a leading
    /// `CONTPAQ i` / `CONTPAQi`: `"nominas"`, `"CONTPAQ i – Factura electrónica"` (the
    /// source's own spelling), `"contpaqi contabilidad"` and `"  BANCOS "` all match. The
    /// rest must be the whole system name: `"Factura"`, `"CONTPAQ i"` and `"Nóminas 2"`
    /// do not.
    public func matching(_ input: String) -> SystemType? {
        // Folded on the stack: a text that folds to more than 64 bytes is longer than every
        // catalog name with its brand prefix (29 at most), so it cannot match.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            guard let count = TextFolding.foldedWords(input, into: buffer) else { return nil }
            let words = Self.withoutBrandPrefix(UnsafeBufferPointer(rebasing: buffer[..<count]))
            guard !words.isEmpty else { return nil }
            return folded.firstIndex { $0.count == words.count && $0.elementsEqual(words) }.map { types[$0] }
        }
    }

    /// The folded words after a leading `contpaqi` or `contpaq i` word (or words).
    private static func withoutBrandPrefix(_ words: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        for prefix in brands where words.count >= prefix.count && words.starts(with: prefix) {
            if words.count == prefix.count { return words[words.count...] }
            if words[prefix.count] == UInt8(ascii: " ") { return words[(prefix.count + 1)...] }
        }
        return words[...]
    }

    private static let brands = [Array("contpaqi".utf8), Array("contpaq i".utf8)]
}
