/// Everything a client form needs without hard-coding it (`getCatalog`), gathered from
/// the types that own each fact so that the catalog can never disagree with the rules.
public enum Catalog {
    public static var targetVersion: String { Eligibility.targetVersion }
    public static var cutoffDate: CalendarDate { Eligibility.cutoffDate }
    /// Canonical names, in catalog order.
    public static var systemTypes: [SystemType] { SystemType.allCases }
    public static var serialNumberPattern: String { SerialNumber.pattern }
    public static var keyRequest: KeyRequestAddress { KeyRequest.address }
    public static var attachmentFilename: String { KeyRequest.attachmentFilename }
    public static var spreadsheetColumns: [String] { KeyRequest.spreadsheetColumns }
    public static var installationPhone: String { InstallationGuidance.phone }
    public static var currency: String { Money.currency }
    public static var defaultIVARate: Rate { Rate.defaultIVA }

    /// The remote-support policies with label and price per system; read
    /// `plan.label` and `plan.policyPrice` (never nil for these).
    public static var supportPolicies: [SupportPlan] { SupportPlan.policies }
    /// The per-event price table, including the open-ended "quoted per project" row.
    public static var perEventTiers: [PerEventTier] { PerEventTier.all }
    public static var promotions: [Promotion] { Promotion.all }
    public static var multiSystemNote: String { SupportQuote.multiSystemNote }
}
