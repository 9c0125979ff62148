import JSONRPC
import UpgradeRules

/// `quoteSupport`: the price of a remote-support policy or of per-event support.
public struct QuoteSupport: RPCMethod {
    public static let name = "quoteSupport"
    public static let summary = "Cotiza una póliza de soporte remoto o soporte por evento, con IVA y promoción de enero."

    public struct Params: ParamsObject {
        let plan: SupportPlan
        let systems: Int
        let users: Int?
        let date: CalendarDate?
        let ivaRate: Rate

        public init(from r: inout ParamsReader) {
            plan = r.required("plan", .plan, "quarterly, semiannual o annual (pólizas) o perEvent (un evento de un sistema).")
            systems = r.optional("systems", .integer(SupportQuote.systemsRange), "Número de sistemas; por omisión 1. En perEvent, un evento por sistema.") ?? 1
            users = r.optional("users", .integer(SupportQuote.usersRange), "Usuarios del sistema; obligatorio en perEvent (define el precio). En pólizas se valida y se devuelve.")
            date = r.optional("date", .date, "Fecha de la cotización (decide la promoción de enero); por omisión hoy en la Ciudad de México.")
            ivaRate = r.optional("ivaRate", .rate, "Tasa de IVA como texto decimal entre 0 y 1, a lo más 4 decimales; por omisión \"0.16\".") ?? .defaultIVA
        }
    }

    let clock: ServiceClock

    public init(clock: ServiceClock) { self.clock = clock }

    public func check(_ params: Params, _ reader: inout ParamsReader) {
        if params.plan == .perEvent && params.users == nil && !reader.errors.contains(where: { $0.path == "/users" }) {
            reader.fail("users", .required, "El número de usuarios es obligatorio para el soporte por evento.")
        }
    }

    public func call(_ params: Params) throws(RPCError) -> Result {
        do {
            return Result(quote: try SupportQuote(plan: params.plan, systems: params.systems, users: params.users,
                                                  date: params.date ?? clock.today, ivaRate: params.ivaRate))
        } catch {
            // Unreachable: params were checked against the same ranges.
            throw .internalError(reason: "quote rejected checked params: \(error)")
        }
    }

    public struct Result: JSONEncodable, Sendable {
        let quote: SupportQuote

        public func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.field("plan", quote.plan.rawValue)
            w.field("planLabel", quote.planLabel)
            w.field("currency", quote.currency)
            w.field("systems", quote.systems)
            w.field("users", quote.users)
            w.field("date", quote.date.description)
            w.field("unitPrice", quote.unitPrice?.description)
            w.field("listSubtotal", quote.listSubtotal?.description)
            w.key("discount")
            if let discount = quote.discount {
                w.beginObject()
                w.field("percent", discount.percent)
                w.field("amount", discount.amount.description)
                w.field("reason", discount.reason)
                w.endObject()
            } else {
                w.null()
            }
            w.field("subtotal", quote.subtotal?.description)
            w.field("ivaRate", quote.ivaRate.description)
            w.field("iva", quote.iva?.description)
            w.field("total", quote.total?.description)
            w.field("customQuoteRequired", quote.customQuoteRequired)
            w.field("multiSystemPromotion", quote.multiSystemPromotion)
            w.field("includes", quote.includes)
            w.field("notes", quote.notes)
            w.endObject()
        }
    }
}

extension QuoteSupport: DocumentedMethod {
    public static let resultSchema: JSON = {
        let money = Schema.nullable(Schema.money)
        return Schema.object(properties: [
            ("plan", Schema.string(enumeration: SupportPlan.allCases.map(\.rawValue))),
            ("planLabel", Schema.string(enumeration: SupportPlan.allCases.map(\.label))),
            ("currency", Schema.constant("MXN")),
            ("systems", Schema.integer),
            ("users", Schema.nullable(Schema.integer)),
            ("date", Schema.described("La fecha cotizada (la dada, u hoy).", Schema.date)),
            ("unitPrice", Schema.described("Precio por sistema antes de IVA; null si se cotiza por proyecto.", money)),
            ("listSubtotal", Schema.described("unitPrice × systems.", money)),
            ("discount", Schema.nullable(Schema.object("Promoción de enero (20% en semestral y anual).", properties: [
                ("percent", Schema.string(pattern: "^[0-9]+(\\.[0-9]+)?$")),
                ("amount", Schema.money),
                ("reason", Schema.string()),
            ]))),
            ("subtotal", Schema.described("listSubtotal − discount.amount.", money)),
            ("ivaRate", Schema.string(pattern: "^(0(\\.[0-9]{1,4})?|1)$")),
            ("iva", Schema.described("subtotal × ivaRate, redondeado al centavo (mitad hacia arriba).", money)),
            ("total", Schema.described("subtotal + iva.", money)),
            ("customQuoteRequired", Schema.described("true en perEvent con más de 20 usuarios: se cotiza por proyecto.", Schema.boolean)),
            ("multiSystemPromotion", Schema.described("true con más de un sistema: pregunte por los precios de promoción.", Schema.boolean)),
            ("includes", Schema.array(of: Schema.string())),
            ("notes", Schema.array(of: Schema.string())),
        ])
    }()

    public static let examples: [(name: String, params: JSON)] = [
        ("anual, 2 sistemas, enero", .members(["plan": "annual", "systems": 2, "date": "2012-01-10"])),
        ("por evento, 4 usuarios, IVA 8%", .members(["plan": "perEvent", "users": 4, "date": "2012-02-01", "ivaRate": "0.08"])),
        ("por evento, más de 20 usuarios", .members(["plan": "perEvent", "users": 25, "date": "2012-03-15"])),
    ]
}
