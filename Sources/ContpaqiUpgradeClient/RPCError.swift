import ContpaqiUpgradeAPI

/// An error the server answered: the JSON-RPC `error` object, with the contract's `data`
/// members typed.
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON-RPC code; the contract's are in `RPCError.Code`.
    public var code: Int
    /// The spec's text for the code ("Invalid params").
    public var message: String
    /// `data.errors` (with -32602 and -32001): every problem with the params, in the order
    /// the params are documented, unknown fields last. Empty for other codes.
    public var fieldErrors: [FieldError]
    /// `data.truncated`: there were more problems than the server lists (it stops at 100).
    public var truncated: Bool
    /// `data.reason` (with -32700 and -32600): why the request could not be read.
    public var reason: String?
    /// `data.method` (with -32601): the method that does not exist.
    public var method: String?

    public init(code: Int, message: String, fieldErrors: [FieldError] = [], truncated: Bool = false,
                reason: String? = nil, method: String? = nil) {
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.truncated = truncated
        self.reason = reason
        self.method = method
    }

    public var description: String {
        var text = "\(code) \(message)"
        if let reason { text += ": \(reason)" }
        if let method { text += ": \(method)" }
        for error in fieldErrors { text += "\n  \(error)" }
        if truncated { text += "\n  (more problems not listed)" }
        return text
    }

    /// The codes of the contract (API.md, "Error codes").
    public enum Code {
        /// The request was not JSON (never from this client, which writes JSON).
        public static let parseError = -32700
        /// Not a valid request, or a request over the server's `--max-message-bytes`.
        public static let invalidRequest = -32600
        /// No such method.
        public static let methodNotFound = -32601
        /// The params failed validation: see `fieldErrors`.
        public static let invalidParams = -32602
        /// A bug in the server.
        public static let internalError = -32603
        /// `requestKeys`: a system was bought before the cutoff (`NOT_ELIGIBLE` in
        /// `fieldErrors`).
        public static let notEligible = -32001
    }
}

/// One problem with the params: where, which contract code, and a Spanish message for a
/// person.
public struct FieldError: Codable, Hashable, Sendable, CustomStringConvertible {
    /// A JSON Pointer into params (`/systems/1/serialNumber`; `""` for params as a whole).
    public var path: String
    /// The contract code (`INVALID_DATE`, `REQUIRED`…); open to codes added later.
    public var code: ErrorCode
    /// Spanish (es-MX), for a person.
    public var message: String

    public init(path: String, code: ErrorCode, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    public var description: String { "\(path.isEmpty ? "(params)" : path) \(code): \(message)" }
}
