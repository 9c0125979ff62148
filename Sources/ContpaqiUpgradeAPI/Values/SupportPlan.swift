/// The ways to pay for installing the 2012 versions without a current policy (source
/// document, "Procedimiento para la instalación"): a remote-support policy per system, or
/// support per event. The raw values are the wire names of `plan`; labels and prices are the
/// catalog's.
public enum SupportPlan: String, CaseIterable, Hashable, Sendable {
    case quarterly
    case semiannual
    case annual
    case perEvent

    /// The remote-support policies, shortest first.
    public static let policies: [SupportPlan] = [.quarterly, .semiannual, .annual]

    /// Whether this is a remote-support policy (which also covers installation of the
    /// updates and courses and workshops while it lasts).
    public var isPolicy: Bool { self != .perEvent }
}

extension SupportPlan: SchemaValue {
    /// Exactly one of the wire names, case-sensitive, trimmed of white space.
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder)
        guard let plan = SupportPlan(rawValue: text) else {
            throw ValueError(.invalidValue, "Plan desconocido. Los planes son: \(SupportPlan.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self = plan
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(rawValue, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, enumeration: .literal(allCases.map(\.rawValue)))
    public static var schemaName: String? { "SupportPlan" }
    public static let placeholder = SupportPlan.annual
}
