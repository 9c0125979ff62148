/// A list whose length is within `R.range`: a JSON array on the wire. Fewer items is
/// `OUT_OF_RANGE`, more is `TOO_LONG`, before any item is read.
public struct BoundedList<Element: Codable & Hashable & Sendable, R: IntegerRange>: Hashable, Sendable, RandomAccessCollection {
    /// The items, in order.
    public let elements: [Element]

    /// `elements` if their count is within the range; nil otherwise.
    public init?(_ elements: [Element]) {
        guard R.range.contains(elements.count) else { return nil }
        self.elements = elements
    }

    private init(unchecked elements: [Element]) { self.elements = elements }

    /// The first item's index: 0.
    public var startIndex: Int { elements.startIndex }
    /// One past the last item's index.
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Element { elements[position] }
}

extension BoundedList: SchemaValue {
    public init(from decoder: any Decoder) throws {
        var container: any UnkeyedDecodingContainer
        do {
            container = try decoder.unkeyedContainer()
        } catch let error as ValueError {
            throw error
        } catch {
            throw ValueError(.invalidType, "Se esperaba una lista, no \(TextInput.jsonTypeName(decoder)).")
        }
        let count = container.count ?? 0
        if count < R.range.lowerBound {
            throw ValueError(.outOfRange, "Se necesita al menos \(R.range.lowerBound) elemento.")
        }
        if count > R.range.upperBound {
            throw ValueError(.tooLong, "Se permiten como máximo \(R.range.upperBound) elementos.")
        }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        while !container.isAtEnd { elements.append(try container.decode(Element.self)) }
        self.init(unchecked: elements)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for element in elements { try container.encode(element) }
    }

    /// The items' schema is their type's.
    public static var inputSchema: SchemaFragment {
        SchemaFragment(type: .array, minItems: R.range.lowerBound > 0 ? R.range.lowerBound : nil,
                       maxItems: R.range.upperBound)
    }

    public static var placeholder: BoundedList { BoundedList(unchecked: []) }
}
