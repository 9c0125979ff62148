import JSONRPC
import RPCCoding

/// The service as integrators see it: its name, version and methods.
public enum ContpaqiUpgradeService {
    public static let title = "contpaqi-upgrade"
    public static let version = "0.1.0"

    /// Every method's handler, in the order the documentation lists them. Adding a method is
    /// a declaration in ContpaqiUpgradeAPI, a handler in Methods/, and one entry here.
    public static func methods(clock: ServiceClock = .mexicoCity,
                               messageIDs: MessageIDSource = .system) -> [any DocumentedHandler] {
        [GetCatalogHandler(), CheckEligibilityHandler(clock: clock), QuoteSupportHandler(clock: clock),
         RequestKeysHandler(clock: clock, messageIDs: messageIDs), DiscoverHandler()]
    }

    public static func methodTable(clock: ServiceClock = .mexicoCity,
                                   messageIDs: MessageIDSource = .system) -> MethodTable {
        var table = MethodTable()
        for method in methods(clock: clock, messageIDs: messageIDs) { table.register(method) }
        return table
    }

    /// The clock is what can make a method answer differently from one call to the next:
    /// read once, it makes the repeatable table (a large Content-Length batch runs twice, to
    /// count its answer's bytes and then to write them). Message-IDs stay random there: they
    /// always have 32 hex digits, so the two runs' answers still have the same length.
    public static func dispatcher(clock: ServiceClock = .mexicoCity,
                                  messageIDs: MessageIDSource = .system) -> Dispatcher {
        Dispatcher(table: methodTable(clock: clock, messageIDs: messageIDs),
                   repeatableTable: { methodTable(clock: .fixed(clock.now()), messageIDs: messageIDs) })
    }
}
