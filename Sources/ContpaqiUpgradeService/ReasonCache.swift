import ContpaqiUpgradeAPI
import Synchronization
import UpgradeRules

/// Reasons already written, by purchase date.
///
/// The reason is a pure function of the date (the cutoff and the version are the
/// catalog's), and making its 200-byte String costs more than the rest of the rule: most of
/// the Codable result's price over the old writer, which copied its three parts straight
/// into the answer. Purchase dates repeat (a customer's systems, a season's sales), so a
/// date's reason is kept in a slot of its own; another date in that slot replaces it, so
/// hostile dates cost at most a String each, as without the cache. Slots in an array, not a
/// Dictionary: a Dictionary's metadata costs a one-shot call a conformance scan at start.
final class ReasonCache: Sendable {
    private struct Slot {
        var key = -1
        var reason = ""
    }

    private static let slots = 64  // few: their Strings are freed with the handler
    private let table = Mutex<[Slot]>([])

    func reason(for decision: EligibilityDecision) -> String {
        let date = decision.purchaseDate
        let key = (date.year * 10_000 + date.month * 100 + date.day) << 1 | (decision.eligible ? 1 : 0)
        let slot = (key >> 1) % Self.slots  // consecutive days, consecutive slots
        if let reason = table.withLock({ $0.isEmpty || $0[slot].key != key ? nil : $0[slot].reason }) { return reason }
        let reason = decision.reason
        table.withLock { table in
            if table.isEmpty { table = Array(repeating: Slot(), count: Self.slots) }
            table[slot] = Slot(key: key, reason: reason)
        }
        return reason
    }
}
