/// The CONTPAQ i systems covered by the free upgrade to the 2012 versions, in the order of
/// the source document's spreadsheet example. The raw value is the canonical name that
/// every result carries.
public enum SystemType: String, CaseIterable, Hashable, Sendable {
    case facturaElectronica = "CONTPAQ i Factura electrónica"
    case contabilidad = "CONTPAQ i Contabilidad"
    case nominas = "CONTPAQ i Nóminas"
    case bancos = "CONTPAQ i Bancos"

    /// The name as the vendor writes it in the spreadsheet: `CONTPAQ i Nóminas`.
    public var canonicalName: String { rawValue }

    /// The canonical names, in catalog order (for drop-downs and error messages).
    public static var canonicalNames: [String] { allCases.map(\.rawValue) }

    /// The system a person meant, or nil.
    ///
    /// Case, accents, dashes and runs of white space are ignored, and so is a leading
    /// `CONTPAQ i` / `CONTPAQi`: `"nominas"`, `"CONTPAQ i – Factura electrónica"` (the
    /// source's own spelling), `"contpaqi contabilidad"` and `"  BANCOS "` all match. The
    /// rest must be the whole system name: `"Factura"`, `"CONTPAQ i"` and `"Nóminas 2"`
    /// do not.
    public static func matching(_ input: String) -> SystemType? {
        // Folded on the stack: a text that folds to more than 64 bytes is longer than every
        // catalog name with its brand prefix (29 at most), so it cannot match.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            guard let count = TextFolding.foldedWords(input, into: buffer) else { return nil }
            let words = withoutBrandPrefix(UnsafeBufferPointer(rebasing: buffer[..<count]))
            guard !words.isEmpty else { return nil }
            return foldedCatalog.first { $0.words.count == words.count && $0.words.elementsEqual(words) }?.type
        }
    }

    /// The catalog names folded once, not on every lookup.
    private static let foldedCatalog = allCases.map { type in
        let folded = TextFolding.foldedWords(type.rawValue)
        return (type: type, words: folded.withUnsafeBufferPointer { Array(withoutBrandPrefix($0)) })
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
