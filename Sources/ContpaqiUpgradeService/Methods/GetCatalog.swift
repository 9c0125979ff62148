import JSONRPC
import UpgradeRules

/// `getCatalog`: everything an ERP form needs to fill its drop-downs without hard-coding.
public struct GetCatalog: RPCMethod {
    public static let name = "getCatalog"
    public static let summary = "Catálogo: tipos de sistema, precios, promociones y datos de la solicitud de claves."

    public init() {}

    public func call(_ params: NoParams) throws(RPCError) -> CatalogResult { CatalogResult() }
}

/// The catalog never changes while the service runs: it is encoded once.
public struct CatalogResult: JSONEncodable, Sendable {
    private static let encoded: [UInt8] = {
        var writer = JSONWriter(capacity: 2048)
        writeCatalog(to: &writer)
        return writer.bytes
    }()

    public func encode(to writer: inout JSONWriter) { writer.raw(CatalogResult.encoded) }

    private static func writeCatalog(to w: inout JSONWriter) {
        w.beginObject()
        w.field("targetVersion", Catalog.targetVersion)
        w.field("cutoffDate", Catalog.cutoffDate.description)
        w.field("systemTypes", Catalog.systemTypes.map(\.canonicalName))
        w.field("serialNumberPattern", Catalog.serialNumberPattern)
        w.key("keyRequest")
        w.beginObject()
        w.field("to", Catalog.keyRequest.to)
        w.field("subject", Catalog.keyRequest.subject)
        w.field("attachmentFilename", Catalog.attachmentFilename)
        w.field("spreadsheetColumns", Catalog.spreadsheetColumns)
        w.endObject()
        w.key("installation")
        w.beginObject()
        w.field("phone", Catalog.installationPhone)
        w.endObject()
        w.field("currency", Catalog.currency)
        w.field("ivaRate", Catalog.defaultIVARate.description)
        w.key("supportPolicies")
        w.beginArray()
        for plan in Catalog.supportPolicies {
            w.beginObject()
            w.field("plan", plan.rawValue)
            w.field("label", plan.label)
            w.field("price", plan.policyPrice?.description)
            w.endObject()
        }
        w.endArray()
        w.key("perEvent")
        w.beginArray()
        for tier in Catalog.perEventTiers {
            w.beginObject()
            w.field("minUsers", tier.minUsers)
            w.field("maxUsers", tier.maxUsers)
            w.field("price", tier.price?.description)
            w.endObject()
        }
        w.endArray()
        w.key("promotions")
        w.beginArray()
        for promotion in Catalog.promotions {
            w.beginObject()
            w.field("months", promotion.months)
            w.field("percent", promotion.percent)
            w.field("plans", promotion.plans.map(\.rawValue))
            w.field("description", promotion.description)
            w.endObject()
        }
        w.endArray()
        w.field("multiSystemNote", Catalog.multiSystemNote)
        w.endObject()
    }
}

extension GetCatalog: DocumentedMethod {
    public static let resultSchema: JSON = {
        let plans = SupportPlan.allCases.map(\.rawValue)
        return Schema.object(properties: [
            ("targetVersion", Schema.constant("2012")),
            ("cutoffDate", Schema.described("Compras desde esta fecha (incluida) se actualizan sin costo.", Schema.date)),
            ("systemTypes", Schema.strings(SystemType.canonicalNames)),
            ("serialNumberPattern", Schema.string()),
            ("keyRequest", Schema.object(properties: [
                ("to", Schema.email), ("subject", Schema.string()), ("attachmentFilename", Schema.string()),
                ("spreadsheetColumns", Schema.array(of: Schema.string())),
            ])),
            ("installation", Schema.object(properties: [("phone", Schema.string())])),
            ("currency", Schema.constant("MXN")),
            ("ivaRate", Schema.string(pattern: "^(0(\\.[0-9]{1,4})?|1)$")),
            ("supportPolicies", Schema.array(of: Schema.object(properties: [
                ("plan", Schema.string(enumeration: plans)), ("label", Schema.string()), ("price", Schema.money),
            ]))),
            ("perEvent", Schema.array(of: Schema.object(properties: [
                ("minUsers", Schema.integer),
                ("maxUsers", Schema.described("null: sin límite (se cotiza por proyecto).", Schema.nullable(Schema.integer))),
                ("price", Schema.described("null: se cotiza por proyecto.", Schema.nullable(Schema.money))),
            ]))),
            ("promotions", Schema.array(of: Schema.object(properties: [
                ("months", Schema.array(of: Schema.integer)), ("percent", Schema.string()),
                ("plans", Schema.strings(plans)), ("description", Schema.string()),
            ]))),
            ("multiSystemNote", Schema.string()),
        ])
    }()

    public static let examples: [(name: String, params: JSON)] = [("catálogo", .object([]))]
}
