/// The range a bounded count or list takes, as a type, so that the range travels with the
/// value, its schema and its error code. (A type rather than integer generic parameters:
/// those need the newest runtimes on Apple platforms.)
public protocol IntegerRange {
    static var range: ClosedRange<Int> { get }
}

/// How many systems a quote or a key request covers: 1 to 1000.
public enum SystemCount: IntegerRange {
    /// Every count of systems the contract allows.
    public static let range = 1...1000
}

/// How many users a system declares: 1 to 100,000.
public enum UserCount: IntegerRange {
    /// Every count of users the contract allows.
    public static let range = 1...100_000
}

/// How many addresses go in `cc` or `bcc`: at most 20.
public enum CopyCount: IntegerRange {
    /// Every count of copies the contract allows.
    public static let range = 0...20
}

/// An integer within `R.range`: a JSON integer (`2`, never `2.0` or `"2"`) on the wire.
public struct Bounded<R: IntegerRange>: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The integer, within `R.range`.
    public let value: Int

    /// `value` if it is within the range; nil otherwise.
    public init?(_ value: Int) {
        guard R.range.contains(value) else { return nil }
        self.value = value
    }

    /// The integer in decimal.
    public var description: String { String(value) }

    public static func < (lhs: Bounded, rhs: Bounded) -> Bool { lhs.value < rhs.value }
}

extension Bounded: SchemaValue {
    public init(from decoder: any Decoder) throws {
        let outOfRange = ValueError(.outOfRange, "El valor debe estar entre \(R.range.lowerBound) y \(R.range.upperBound).")
        let number: Int
        do {
            number = try decoder.singleValueContainer().decode(Int.self)
        } catch let error as ValueError {
            // A decoder that speaks the contract has said what is wrong; an integer beyond
            // 64 bits is out of this range too.
            throw error.code == .outOfRange ? outOfRange : error
        } catch {
            let found = TextInput.jsonTypeName(decoder)
            if found == "number" { throw outOfRange }
            throw ValueError(.invalidType, "Se esperaba un número entero, no \(found).")
        }
        guard let value = Bounded(number) else { throw outOfRange }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static var inputSchema: SchemaFragment {
        SchemaFragment(type: .integer, minimum: R.range.lowerBound, maximum: R.range.upperBound)
    }

    public static var placeholder: Bounded { Bounded(R.range.lowerBound)! }
}
