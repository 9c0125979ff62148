import ContpaqiUpgradeAPI
import Synchronization
import UpgradeRules

/// Reasons already written, by purchase date.
///
/// The reason is a pure function of the date (the cutoff and the version are the
/// catalog's), and making its 200-byte String costs more than the rest of the rule: most of
/// the Codable result's price over the old writer, which copied its three parts straight
/// into the answer. Purchase dates repeat (a customer's systems, a season's sales), so each
/// is made once. Bounded: when full it starts over, so hostile dates cost at most a String
/// each, as without it.
final class ReasonCache: Sendable {
    private let reasons = Mutex<[Int: String]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func reason(for decision: EligibilityDecision) -> String {
        let date = decision.purchaseDate
        let key = (date.year * 10_000 + date.month * 100 + date.day) << 1 | (decision.eligible ? 1 : 0)
        if let reason = reasons.withLock({ $0[key] }) { return reason }
        let reason = decision.reason
        reasons.withLock { reasons in
            if reasons.count >= capacity { reasons.removeAll(keepingCapacity: true) }
            reasons[key] = reason
        }
        return reason
    }
}
