import ContpaqiUpgradeAPI

/// Whether a purchase may be updated to the 2012 version at no cost, and what the customer
/// does next. Source document: "si adquiriste tu software a partir del 1 de julio de 2011,
/// tienes derecho a la actualización de tus sistemas a la versión 2012 SIN COSTO".
public enum Eligibility {
    /// The first purchase date that qualifies (inclusive).
    public static let cutoffDate = CalendarDate(year: 2011, month: 7, day: 1)!
    /// The version the free upgrade leads to.
    public static let targetVersion = "2012"

    /// The rule itself: bought on or after the cutoff.
    public static func isEligible(purchaseDate: CalendarDate) -> Bool {
        purchaseDate >= cutoffDate
    }

    /// Whether `date` lies after `today` (a purchase cannot be in the future). The caller
    /// passes today's date in America/Mexico_City; the rules never read the clock.
    public static func isFuture(_ date: CalendarDate, today: CalendarDate) -> Bool {
        date > today
    }

    // Everything after the purchase date is the same in every answer: built once.
    static let reasonOpening = "El software se adquirió el "
    private static let upgradeText = "la actualización a la versión \(targetVersion) sin costo."
    static let eligibleEnding =
        ", a partir del \(cutoffDate.spanishText), por lo que tiene derecho a \(upgradeText)"
    static let notEligibleEnding =
        ", antes del \(cutoffDate.spanishText), por lo que no tiene derecho a \(upgradeText)"
    /// The decision for one purchase, with the Spanish reason, where to ask for the keys
    /// (only when eligible) and how to get the new version installed.
    public static func evaluate(purchaseDate: CalendarDate,
                                hasActiveSupportPolicy: Bool = false) -> EligibilityDecision {
        let eligible = isEligible(purchaseDate: purchaseDate)
        return EligibilityDecision(
            eligible: eligible, purchaseDate: purchaseDate,
            keyRequest: eligible ? .standard : nil,
            installation: .guidance(hasActiveSupportPolicy: hasActiveSupportPolicy))
    }
}

/// The outcome of `Eligibility.evaluate`.
public struct EligibilityDecision: Hashable, Sendable {
    public let eligible: Bool
    public let purchaseDate: CalendarDate
    /// Where to send the key request; nil when not eligible.
    public let keyRequest: KeyRequestAddress?
    /// Always present: installation is needed whether or not the upgrade is free.
    public let installation: InstallationGuidance

    /// Spanish sentence naming the purchase date and the cutoff, the Spanish way.
    public var reason: String {
        // Made for every answer: written in one pass into one allocation, the date's Spanish
        // words included, instead of joining three Strings.
        let ending = eligible ? Eligibility.eligibleEnding : Eligibility.notEligibleEnding
        let opening = Eligibility.reasonOpening, month = CalendarDate.spanishMonthNames[purchaseDate.month - 1]
        let capacity = opening.utf8.count + 2 + 4 + month.utf8.count + 4 + 4 + ending.utf8.count
        return String(unsafeUninitializedCapacity: capacity) { out in
            var count = 0
            func copy(_ text: String) {
                for byte in text.utf8 { out[count] = byte; count += 1 }
            }
            func digits(_ value: Int, _ width: Int) {
                var rest = value
                for index in stride(from: count + width - 1, through: count, by: -1) {
                    out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                count += width
            }
            copy(opening)
            digits(purchaseDate.day, purchaseDate.day < 10 ? 1 : 2)
            copy(" de ")
            copy(month)
            copy(" de ")
            digits(purchaseDate.year, 4)
            copy(ending)
            return count
        }
    }

    public var cutoffDate: CalendarDate { Eligibility.cutoffDate }
    public var targetVersion: String { Eligibility.targetVersion }
}

/// The mailbox and subject of a key request (source document).
public struct KeyRequestAddress: Hashable, Sendable {
    public let to: String
    /// Without the trailing period of the source's example: the instructions give the
    /// subject itself, the example ends its line with a period.
    public let subject: String

    public static let standard = KeyRequestAddress(
        to: "claves@contpaqi.com",
        subject: "Solicitud de claves para actualización sin costo")
}

/// How the 2012 version gets installed once the keys arrive.
public struct InstallationGuidance: Hashable, Sendable {
    /// With a current remote-support policy the installation is included: call the phone.
    public let includedInPolicy: Bool
    public let phone: String
    /// Empty with a current policy; otherwise renew the policy or pay per event.
    public let options: [InstallationOption]

    /// The number to call for the installation (source document).
    public static let phone = "5141-5110"

    /// The guidance for a customer with or without a current remote-support policy.
    public static func guidance(hasActiveSupportPolicy: Bool) -> InstallationGuidance {
        InstallationGuidance(includedInPolicy: hasActiveSupportPolicy, phone: phone,
                             options: hasActiveSupportPolicy ? [] : InstallationOption.all)
    }
}

/// One way to pay for the installation without a current policy.
public struct InstallationOption: Hashable, Sendable {
    /// Wire names of the options.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case renewPolicy
        case perEvent
    }

    public let option: Kind
    /// Spanish, from the source document.
    public let description: String
    /// The method that prices this option.
    public let quoteMethod: String
    /// The `plan` values `quoteMethod` accepts for this option.
    public let plans: [SupportPlan]

    /// The source document's two options, in its order.
    public static let all = [
        InstallationOption(
            option: .renewPolicy,
            description: "Renovar su póliza de soporte remoto, que además de darle derecho a "
                + "la instalación de sus actualizaciones, le da derecho a asistir a los cursos "
                + "y talleres durante la vigencia de su póliza.",
            quoteMethod: "quoteSupport", plans: SupportPlan.policies),
        InstallationOption(
            option: .perEvent,
            description: "Pago por evento, según el número de usuarios de su sistema; solo "
                + "aplica para un evento de un sistema.",
            quoteMethod: "quoteSupport", plans: [.perEvent]),
    ]
}
