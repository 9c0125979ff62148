import JSONRPC

/// The service as integrators see it: its name, version and methods.
public enum ContpaqiUpgradeService {
    public static let title = "contpaqi-upgrade"
    public static let version = "0.1.0"

    /// Every method, in the order the documentation lists them. Adding a method is one line here.
    public static func methods(clock: ServiceClock = .mexicoCity) -> [any DocumentedMethod] {
        [GetCatalog(), CheckEligibility(clock: clock), QuoteSupport(clock: clock), RequestKeys(clock: clock), Discover()]
    }

    public static func methodTable(clock: ServiceClock = .mexicoCity) -> MethodTable {
        var table = MethodTable()
        for method in methods(clock: clock) { table.register(method) }
        return table
    }

    /// The clock is all that can make a method answer differently from one call to the next:
    /// read once, it makes the repeatable table (a large Content-Length batch runs twice).
    public static func dispatcher(clock: ServiceClock = .mexicoCity) -> Dispatcher {
        Dispatcher(table: methodTable(clock: clock), repeatableTable: { methodTable(clock: .fixed(clock.now())) })
    }
}
