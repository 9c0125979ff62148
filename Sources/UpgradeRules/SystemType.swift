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
        let words = withoutBrandPrefix(TextFolding.words(input))
        guard !words.isEmpty else { return nil }
        return foldedCatalog.first { $0.words == words }?.type
    }

    /// The catalog names folded once, not on every lookup.
    private static let foldedCatalog = allCases.map { (type: $0, words: withoutBrandPrefix(TextFolding.words($0.rawValue))) }

    private static func withoutBrandPrefix(_ words: [String]) -> [String] {
        if words.first == "contpaqi" { return Array(words.dropFirst()) }
        if words.starts(with: ["contpaq", "i"]) { return Array(words.dropFirst(2)) }
        return words
    }
}
