import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import UpgradeRules

/// `getCatalog`: the catalog, as integrators' forms need it.
public struct GetCatalogHandler: DocumentedHandler {
    public typealias Declaration = GetCatalog
    public static let summary = "Catálogo: tipos de sistema, precios, promociones y datos de la solicitud de claves."

    public init() {}

    public func call(_ params: NoParams) throws(RPCError) -> GetCatalog.Result { Self.builtIn }

    /// The catalog never changes while the service runs: its encoding (by the Codable
    /// encoder) is kept, and written again for each call that answers it.
    public func write(_ result: GetCatalog.Result, to writer: inout JSONWriter) {
        if result == Self.builtIn { writer.raw(Self.encoded) } else { ResultEncoder.write(result, to: &writer) }
    }

    static let builtIn = GetCatalog.Result(
        targetVersion: Catalog.targetVersion, cutoffDate: Catalog.cutoffDate, systemTypes: Catalog.systemTypes.types,
        serialNumberPattern: Catalog.serialNumberPattern,
        keyRequest: GetCatalog.KeyRequest(to: EmailAddress(Catalog.keyRequest.to)!, subject: Catalog.keyRequest.subject,
                                          attachmentFilename: Catalog.attachmentFilename,
                                          spreadsheetColumns: Catalog.spreadsheetColumns),
        installation: GetCatalog.Installation(phone: Catalog.installationPhone),
        currency: Catalog.currency, ivaRate: Catalog.defaultIVARate,
        supportPolicies: Catalog.supportPolicies.map { GetCatalog.SupportPolicy(plan: $0, label: $0.label, price: $0.policyPrice!) },
        perEvent: Catalog.perEventTiers.map { GetCatalog.PerEventTier(minUsers: $0.minUsers, maxUsers: $0.maxUsers, price: $0.price) },
        promotions: Catalog.promotions.map {
            GetCatalog.Promotion(months: $0.months, percent: $0.percent, plans: $0.plans, description: $0.description)
        },
        multiSystemNote: Catalog.multiSystemNote)

    private static let encoded: [UInt8] = {
        var writer = JSONWriter(capacity: 2048)
        ResultEncoder.write(builtIn, to: &writer)
        return writer.bytes
    }()

    public static let examples: [(name: String, params: JSON)] = [("catálogo", .object([]))]
}
