import ContpaqiUpgradeAPI

/// Everything a client form needs without hard-coding it (`getCatalog`), gathered from
/// the types that own each fact so that the catalog can never disagree with the rules.
public enum Catalog {
    public static var targetVersion: String { Eligibility.targetVersion }
    public static var cutoffDate: CalendarDate { Eligibility.cutoffDate }
    /// Canonical names, in catalog order.
    public static var systemTypes: SystemTypeCatalog { .builtIn }
    public static var serialNumberPattern: String { SerialNumber.pattern }
    public static var keyRequest: KeyRequestAddress { KeyRequest.address }
    public static var attachmentFilename: String { KeyRequest.attachmentFilename }
    public static var spreadsheetColumns: [String] { KeyRequest.spreadsheetColumns }
    public static var installationPhone: String { InstallationGuidance.phone }
    /// The currency of every amount (ISO 4217).
    public static let currency = "MXN"
    /// The IVA rate applied when the caller gives none: 16 %.
    public static let defaultIVARate = Rate(tenThousandths: 1600)!

    /// The remote-support policies with label and price per system; read
    /// `plan.label` and `plan.policyPrice` (never nil for these).
    public static var supportPolicies: [SupportPlan] { SupportPlan.policies }
    /// The per-event price table, including the open-ended "quoted per project" row.
    public static var perEventTiers: [PerEventTier] { PerEventTier.all }
    public static var promotions: [Promotion] { Promotion.all }
    public static var multiSystemNote: String { SupportQuote.multiSystemNote }
}
