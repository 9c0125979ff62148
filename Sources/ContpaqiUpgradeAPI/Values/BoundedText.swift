/// Free text for a person or a mail header (a company, a contact's name): 1 to 200 Unicode
/// scalars once trimmed of white space, with no control characters inside (a CR or LF is a
/// header-injection attempt).
public struct BoundedText: Hashable, Sendable, CustomStringConvertible {
    /// The text, trimmed.
    public let text: String

    /// The longest text, in Unicode scalars.
    public static let maxLength = 200

    /// The text, trimmed of white space, if it is acceptable; nil otherwise.
    public init?(_ text: String) {
        let trimmed = TextInput.trimmingWhiteSpace(text)
        guard !trimmed.isEmpty, TextInput.problem(in: trimmed) == nil,
              trimmed.unicodeScalars.count <= BoundedText.maxLength else { return nil }
        self.text = trimmed
    }

    private init(unchecked text: String) { self.text = text }

    /// The text.
    public var description: String { text }
}

extension BoundedText: SchemaValue {
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder)
        guard text.unicodeScalars.count <= BoundedText.maxLength else {
            throw ValueError(.tooLong, "El texto excede \(BoundedText.maxLength) caracteres.")
        }
        self.init(unchecked: text)
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(text, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, minLength: 1, maxLength: maxLength)
    public static let placeholder = BoundedText(unchecked: "")
}
