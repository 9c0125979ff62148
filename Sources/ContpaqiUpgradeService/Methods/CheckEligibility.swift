import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import UpgradeRules

/// `checkEligibility`: the rule, a purchase date not after today, the system type against
/// the catalog.
public struct CheckEligibilityHandler: DocumentedHandler {
    public typealias Declaration = CheckEligibility
    public static let summary = "¿Tiene derecho a la actualización 2012 sin costo? (compras a partir del 1 de julio de 2011)"

    let clock: ServiceClock
    let reasons = ReasonCache()
    public let valueChecks: [ValueCheck] = [.systemType { Catalog.systemTypes }]

    public init(clock: ServiceClock) { self.clock = clock }

    public func check(_ params: CheckEligibility.Params, _ problems: inout ParamsProblems) {
        if Eligibility.isFuture(params.purchaseDate, today: clock.today) {
            problems.fail("purchaseDate", .outOfRange, "La fecha de compra no puede ser posterior a hoy.")
        }
    }

    public func call(_ params: CheckEligibility.Params) throws(RPCError) -> CheckEligibility.Result {
        let decision = Eligibility.evaluate(purchaseDate: params.purchaseDate,
                                            hasActiveSupportPolicy: params.hasActiveSupportPolicy ?? false)
        return CheckEligibility.Result(
            eligible: decision.eligible, purchaseDate: decision.purchaseDate, cutoffDate: decision.cutoffDate,
            targetVersion: decision.targetVersion, reason: reasons.reason(for: decision),
            systemType: params.systemType, serialNumber: params.serialNumber,
            keyRequest: decision.keyRequest == nil ? nil : Self.keyRequest,
            installation: decision.installation.includedInPolicy ? Self.withPolicy : Self.withoutPolicy)
    }

    // The parts that never change, built once.
    static let keyRequest = CheckEligibility.KeyRequest(to: EmailAddress(KeyRequestAddress.standard.to)!,
                                                        subject: KeyRequestAddress.standard.subject)
    static let withPolicy = installation(.guidance(hasActiveSupportPolicy: true))
    static let withoutPolicy = installation(.guidance(hasActiveSupportPolicy: false))

    private static func installation(_ guidance: InstallationGuidance) -> CheckEligibility.Installation {
        CheckEligibility.Installation(includedInPolicy: guidance.includedInPolicy, phone: guidance.phone, options: guidance.options.map {
            CheckEligibility.InstallationOption(option: $0.option == .renewPolicy ? .renewPolicy : .perEvent,
                                                description: $0.description, quoteMethod: $0.quoteMethod, plans: $0.plans)
        })
    }

    /// The hottest answer of the service, written by hand beside its `Encodable` form: what
    /// the catalog fixes is copied as bytes, encoded once, and dates are written without
    /// making Strings. `CheckEligibilityWriterTests` proves the two byte-identical.
    public func write(_ result: CheckEligibility.Result, to w: inout JSONWriter) {
        // `{"eligible":…,"purchaseDate":"…"` in one copy.
        Self.write(result.purchaseDate, after: result.eligible ? Self.openingEligible : Self.openingNotEligible, to: &w)
        if result.cutoffDate == Eligibility.cutoffDate && result.targetVersion == Eligibility.targetVersion {
            w.raw(Self.cutoffAndVersion)
        } else {
            w.key(Self.cutoffDateKey)
            Self.write(result.cutoffDate, to: &w)
            w.field(Self.targetVersionKey, result.targetVersion)
        }
        w.field(Self.reasonKey, result.reason)
        if let systemType = result.systemType { w.field(Self.systemTypeKey, systemType.name) }
        if let serialNumber = result.serialNumber { w.field(Self.serialNumberKey, serialNumber.value) }
        if let keyRequest = result.keyRequest {
            if keyRequest == Self.keyRequest {
                w.raw(Self.keyRequestMember)
            } else {
                w.key(Self.keyRequestKey)
                Self.write(keyRequest, to: &w)
            }
        }
        if result.installation == Self.withoutPolicy {
            w.raw(Self.withoutPolicyMember)
        } else if result.installation == Self.withPolicy {
            w.raw(Self.withPolicyMember)
        } else {
            w.key(Self.installationKey)
            Self.write(result.installation, to: &w)
        }
        w.endObject()
    }

    /// `prefix` (JSON text that ends where a value is due) and `"YYYY-MM-DD"`, formatted on
    /// the stack and written in one copy.
    private static func write(_ date: CalendarDate, after prefix: [UInt8] = [], to w: inout JSONWriter) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefix.count + 12) { out in
            func digits(_ value: Int, _ count: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + count - 1, through: offset, by: -1) {
                    out[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            let start = prefix.count
            _ = out.initialize(from: prefix)
            out[start] = UInt8(ascii: "\""); out[start + 5] = UInt8(ascii: "-")
            out[start + 8] = UInt8(ascii: "-"); out[start + 11] = UInt8(ascii: "\"")
            digits(date.year, 4, at: start + 1)
            digits(date.month, 2, at: start + 6)
            digits(date.day, 2, at: start + 9)
            w.raw(UnsafeRawBufferPointer(out))
        }
    }

    private static func write(_ keyRequest: CheckEligibility.KeyRequest, to w: inout JSONWriter) {
        w.beginObject()
        w.field("to", keyRequest.to.address)
        w.field("subject", keyRequest.subject)
        w.endObject()
    }

    private static func write(_ installation: CheckEligibility.Installation, to w: inout JSONWriter) {
        w.beginObject()
        w.field("includedInPolicy", installation.includedInPolicy)
        w.field("phone", installation.phone)
        w.key("options")
        w.beginArray()
        for option in installation.options {
            w.beginObject()
            w.field("option", option.option.rawValue)
            w.field("description", option.description)
            w.field("quoteMethod", option.quoteMethod)
            w.field("plans", option.plans.map { $0.rawValue })  // a closure: a key path's metadata costs start-up
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    // Fragments written in every answer, encoded once (by the writer above, not by Codable,
    // so that a one-shot call instantiates no Codable metadata to answer).
    private static let openingEligible = opening(eligible: true)
    private static let openingNotEligible = opening(eligible: false)

    /// `{"eligible":…,"purchaseDate":`, the date's value left to follow.
    private static func opening(eligible: Bool) -> [UInt8] {
        fragment {
            $0.beginObject()
            $0.field("eligible", eligible)
            $0.key(purchaseDateKey)
        }
    }
    private static let cutoffAndVersion = fragment {
        $0.key(cutoffDateKey)
        write(Eligibility.cutoffDate, to: &$0)
        $0.field(targetVersionKey, Eligibility.targetVersion)
    }
    private static let keyRequestMember = fragment {
        $0.key(keyRequestKey)
        write(keyRequest, to: &$0)
    }
    private static let withPolicyMember = fragment {
        $0.key(installationKey)
        write(withPolicy, to: &$0)
    }
    private static let withoutPolicyMember = fragment {
        $0.key(installationKey)
        write(withoutPolicy, to: &$0)
    }

    /// What `body` writes, as bytes to splice into an answer.
    private static func fragment(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter()
        body(&writer)
        return writer.bytes
    }

    private static let purchaseDateKey = JSONWriter.Key("purchaseDate")
    private static let cutoffDateKey = JSONWriter.Key("cutoffDate")
    private static let targetVersionKey = JSONWriter.Key("targetVersion")
    private static let reasonKey = JSONWriter.Key("reason")
    private static let systemTypeKey = JSONWriter.Key("systemType")
    private static let serialNumberKey = JSONWriter.Key("serialNumber")
    private static let keyRequestKey = JSONWriter.Key("keyRequest")
    private static let installationKey = JSONWriter.Key("installation")

    public static let examples: [(name: String, params: JSON)] = [
        ("con derecho, sin póliza", .members(["purchaseDate": "2011-08-15", "systemType": "nominas",
                                              "serialNumber": "aaaa-bbbb-cccc-ffff"])),
        ("sin derecho, con póliza vigente", .members(["purchaseDate": "2011-06-30", "hasActiveSupportPolicy": true])),
    ]
}
