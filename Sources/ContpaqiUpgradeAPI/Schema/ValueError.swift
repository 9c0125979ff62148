/// Why a value was refused, in the contract's terms (API.md §2): a stable code for programs
/// and a Spanish message for a person.
///
/// Every value type of this module throws it from `init(from:)`, so Foundation's
/// `JSONDecoder` hands it to the caller as it is, and the server reports it at the value's
/// JSON Pointer in `data.errors`.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The contract's code (`INVALID_DATE`…).
    public var code: ErrorCode
    /// In Spanish, for a person.
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Blank text (nothing left once white space is trimmed): it counts as missing, so a
    /// decoder treats it as an absent optional field, or reports a required one as `REQUIRED`.
    public static let blank = ValueError(.required, "El campo es obligatorio y no puede estar vacío.")

    /// `CODE: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}

/// A `data.errors[].code` of the contract. Open: a server may answer codes a client was
/// built before, so unknown ones decode as they are.
public struct ErrorCode: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The code as it is written on the wire.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The code as written on the wire.
    public var description: String { rawValue }

    /// A required field is missing, null or blank.
    public static let required = ErrorCode(rawValue: "REQUIRED")
    /// A field the method does not take.
    public static let unknownField = ErrorCode(rawValue: "UNKNOWN_FIELD")
    /// The wrong JSON type (a string where an integer belongs, params as an array).
    public static let invalidType = ErrorCode(rawValue: "INVALID_TYPE")
    /// Not one of the allowed values, or a malformed decimal.
    public static let invalidValue = ErrorCode(rawValue: "INVALID_VALUE")
    /// Not a real calendar date.
    public static let invalidDate = ErrorCode(rawValue: "INVALID_DATE")
    /// Not an RFC 3339 date-time with an offset.
    public static let invalidDateTime = ErrorCode(rawValue: "INVALID_DATETIME")
    /// A number, date or count outside its range.
    public static let outOfRange = ErrorCode(rawValue: "OUT_OF_RANGE")
    /// Text over its length, or a list over its count.
    public static let tooLong = ErrorCode(rawValue: "TOO_LONG")
    /// Control characters or invalid Unicode inside text.
    public static let invalidText = ErrorCode(rawValue: "INVALID_TEXT")
    /// Not a plain `local@domain.tld` address.
    public static let invalidEmail = ErrorCode(rawValue: "INVALID_EMAIL")
    /// Not four groups of four ASCII letters or digits joined by `-`.
    public static let invalidSerial = ErrorCode(rawValue: "INVALID_SERIAL")
    /// A system type the catalog does not have.
    public static let unknownSystemType = ErrorCode(rawValue: "UNKNOWN_SYSTEM_TYPE")
    /// A serial repeated in one request (reported on the repeat).
    public static let duplicateSerial = ErrorCode(rawValue: "DUPLICATE_SERIAL")
    /// Bought before the cutoff (with error -32001).
    public static let notEligible = ErrorCode(rawValue: "NOT_ELIGIBLE")
}
