/// The error codes of the contract (API.md §2) and the `data` each one carries.
public enum RPCError: Error, Sendable, Equatable {
    /// -32700: the text is not JSON.
    case parseError(reason: String)
    /// -32600: not a valid request object, or a message over the size limit.
    case invalidRequest(reason: String)
    /// -32601
    case methodNotFound(method: String)
    /// -32602: every problem found in params, in params order.
    case invalidParams([FieldError])
    /// A method's own error (-32000 to -32099) with the same `data.errors` shape as -32602.
    case application(code: Int, message: String, errors: [FieldError])
    /// -32603: a bug. Never expected; tests assert it is never seen.
    case internalError(reason: String)

    public var code: Int {
        switch self {
        case .parseError: -32700
        case .invalidRequest: -32600
        case .methodNotFound: -32601
        case .invalidParams: -32602
        case .application(let code, _, _): code
        case .internalError: -32603
        }
    }

    /// The spec's own text for each code.
    public var message: String {
        switch self {
        case .parseError: "Parse error"
        case .invalidRequest: "Invalid Request"
        case .methodNotFound: "Method not found"
        case .invalidParams: "Invalid params"
        case .application(_, let message, _): message
        case .internalError: "Internal error"
        }
    }
}

extension RPCError: JSONEncodable {
    /// Writes the JSON-RPC error object: `{"code", "message", "data"}`.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field(Keys.code, code)
        writer.field(Keys.message, message)
        switch self {
        case .parseError(let reason), .invalidRequest(let reason):
            writer.key(Keys.data)
            writer.beginObject()
            writer.field("reason", reason)
            writer.endObject()
        case .methodNotFound(let method):
            writer.key(Keys.data)
            writer.beginObject()
            writer.field("method", method)
            writer.endObject()
        case .invalidParams(let errors), .application(_, _, let errors):
            writer.key(Keys.data)
            writer.beginObject()
            writer.field(Keys.errors, errors.prefix(FieldError.maxReported))
            if errors.count > FieldError.maxReported { writer.field("truncated", true) }
            writer.endObject()
        case .internalError:
            break
        }
        writer.endObject()
    }
}

/// Member names written in every error answer, encoded once (an error answer listing 100
/// problems writes them 300 times).
private enum Keys {
    static let code = JSONWriter.Key("code")
    static let message = JSONWriter.Key("message")
    static let data = JSONWriter.Key("data")
    static let errors = JSONWriter.Key("errors")
    static let path = JSONWriter.Key("path")
}

/// One problem in params: where (a JSON Pointer into params), what (a stable code for
/// programs) and a Spanish message for a person.
public struct FieldError: Sendable, Equatable, JSONEncodable {
    public var path: String
    public var code: FieldErrorCode
    public var message: String

    /// `data.errors` lists at most this many, then says `"truncated": true`: hostile params
    /// (95,000 unknown fields) cannot make an error answer cost more than a normal one.
    public static let maxReported = 100

    public init(path: String, code: FieldErrorCode, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field(Keys.path, path)
        writer.field(Keys.code, code.rawValue)
        writer.field(Keys.message, message)
        writer.endObject()
    }
}

/// The `data.errors[].code` values. Open for methods to add their own (`INVALID_SERIAL`…).
public struct FieldErrorCode: RawRepresentable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let required = FieldErrorCode(rawValue: "REQUIRED")
    public static let unknownField = FieldErrorCode(rawValue: "UNKNOWN_FIELD")
    public static let invalidType = FieldErrorCode(rawValue: "INVALID_TYPE")
    public static let invalidValue = FieldErrorCode(rawValue: "INVALID_VALUE")
    public static let outOfRange = FieldErrorCode(rawValue: "OUT_OF_RANGE")
    public static let tooLong = FieldErrorCode(rawValue: "TOO_LONG")
    public static let invalidText = FieldErrorCode(rawValue: "INVALID_TEXT")
}
