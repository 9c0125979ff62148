import JSONRPC

/// Encodes results with `Encodable` straight into a `JSONWriter`: members in the order
/// `encode(to:)` writes them, no intermediate tree, nothing boxed but what `Codable` itself
/// boxes (one keyed container per object).
///
/// `Codable` never says when a value is done, so whoever starts a value closes what the
/// value opened: an object, a list, or nothing at all (written `{}`, as Foundation does).
public enum ResultEncoder {
    /// Writes `value` as the next JSON value of `writer`.
    public static func write<T: Encodable>(_ value: T, to writer: inout JSONWriter) {
        withUnsafeMutablePointer(to: &writer) { writer in
            var state = EncodingState(writer: writer)
            withUnsafeMutablePointer(to: &state) { $0.encode(value) }
        }
    }
}

/// What the value being encoded has opened, for its encoder to close.
enum Opened {
    case nothing, object, array, single
}

struct EncodingState {
    let writer: UnsafeMutablePointer<JSONWriter>
    var opened = Opened.nothing
}

extension UnsafeMutablePointer where Pointee == EncodingState {
    var writer: UnsafeMutablePointer<JSONWriter> { pointee.writer }

    func encode<T: Encodable>(_ value: T) {
        // The commonest leaves, without a trip through a container.
        if T.self == String.self { return writer.pointee.string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return writer.pointee.int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Bool.self { return writer.pointee.bool(unsafeBitCast(value, to: Bool.self)) }
        let outer = pointee.opened
        pointee.opened = .nothing
        do {
            try value.encode(to: ResultValueEncoder(state: self))
        } catch {
            // Nothing in these types can fail (no floating point, no infinite values); a
            // failure would be a bug in an encode(to:), found by the golden tests.
            preconditionFailure("encoding \(T.self) failed: \(error)")
        }
        switch pointee.opened {
        case .object: writer.pointee.endObject()
        case .array: writer.pointee.endArray()
        case .nothing:
            writer.pointee.beginObject()
            writer.pointee.endObject()
        case .single: break
        }
        pointee.opened = outer
    }
}

struct ResultValueEncoder: Encoder {
    let state: UnsafeMutablePointer<EncodingState>
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if state.pointee.opened == .nothing {
            state.writer.pointee.beginObject()
            state.pointee.opened = .object
        }
        return KeyedEncodingContainer(KeyedWriter<Key>(state: state))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if state.pointee.opened == .nothing {
            state.writer.pointee.beginArray()
            state.pointee.opened = .array
        }
        return UnkeyedWriter(state: state)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueWriter(state: state) }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: UnsafeMutablePointer<EncodingState>
    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) { state.writer.pointee.key(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        state.writer.pointee.null()
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        state.writer.pointee.string(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        state.writer.pointee.bool(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        self.key(key)
        state.writer.pointee.int(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        state.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("nested containers are not used by result types")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("nested containers are not used by result types")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("super encoders are not used by result types") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("super encoders are not used by result types") }
}

struct UnkeyedWriter: UnkeyedEncodingContainer {
    let state: UnsafeMutablePointer<EncodingState>
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(state: UnsafeMutablePointer<EncodingState>) { self.state = state }

    mutating func encodeNil() throws {
        count += 1
        state.writer.pointee.null()
    }

    mutating func encode(_ value: String) throws {
        count += 1
        state.writer.pointee.string(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        count += 1
        state.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("nested containers are not used by result types")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("nested containers are not used by result types")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("super encoders are not used by result types") }
}

struct SingleValueWriter: SingleValueEncodingContainer {
    let state: UnsafeMutablePointer<EncodingState>
    var codingPath: [any CodingKey] { [] }

    private func writing(_ body: (inout JSONWriter) -> Void) {
        state.pointee.opened = .single
        body(&state.writer.pointee)
    }

    mutating func encodeNil() throws { writing { $0.null() } }
    mutating func encode(_ value: Bool) throws { writing { $0.bool(value) } }
    mutating func encode(_ value: String) throws { writing { $0.string(value) } }
    mutating func encode(_ value: Int) throws { writing { $0.int(value) } }
    mutating func encode(_ value: Int8) throws { writing { $0.int(Int(value)) } }
    mutating func encode(_ value: Int16) throws { writing { $0.int(Int(value)) } }
    mutating func encode(_ value: Int32) throws { writing { $0.int(Int(value)) } }
    mutating func encode(_ value: Int64) throws { writing { $0.raw(String(value)) } }
    mutating func encode(_ value: UInt) throws { writing { $0.raw(String(value)) } }
    mutating func encode(_ value: UInt8) throws { writing { $0.int(Int(value)) } }
    mutating func encode(_ value: UInt16) throws { writing { $0.int(Int(value)) } }
    mutating func encode(_ value: UInt32) throws { writing { $0.int(Int(value)) } }
    mutating func encode(_ value: UInt64) throws { writing { $0.raw(String(value)) } }

    mutating func encode(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "JSON has no \(value)"))
        }
        writing { $0.raw(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)) }
    }

    mutating func encode(_ value: Float) throws { try encode(Double(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        state.pointee.opened = .single
        state.encode(value)
    }
}
