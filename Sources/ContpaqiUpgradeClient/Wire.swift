// The JSON-RPC envelope as this client writes and reads it; the params and results inside
// are the API module's types.

/// A request. The id is always an integer this client chose, so answers match it exactly.
struct Request<Params: Encodable>: Encodable {
    let jsonrpc = "2.0"
    let id: Int64
    let method: String
    let params: Params
}

/// What the reader thread reads of every answer: whose it is and whether it failed. The
/// result stays undecoded until the caller, who knows its type, decodes `Answer`.
struct AnswerHead: Decodable {
    let id: AnswerID
    let error: WireError?
}

/// The `id` of an answer.
enum AnswerID: Decodable {
    case number(Int64)
    /// The server could not read the request's id (it was over `--max-message-bytes`).
    case null
    /// Not an id this client sends.
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Int64.self) {
            self = .number(number)
        } else {
            self = .other
        }
    }
}

/// A successful answer, read by the caller.
struct Answer<Result: Decodable>: Decodable {
    let result: Result
}

/// The `error` member of an answer.
struct WireError: Decodable {
    let code: Int
    let message: String
    let data: ErrorData?

    /// The members of `data` the contract defines; any other shape of `data` reads as none
    /// of them rather than losing the error.
    struct ErrorData: Decodable {
        var errors: [FieldError]?
        var truncated: Bool?
        var reason: String?
        var method: String?
    }

    enum CodingKeys: String, CodingKey { case code, message, data }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
        data = try? container.decodeIfPresent(ErrorData.self, forKey: .data)
    }

    var rpcError: RPCError {
        RPCError(code: code, message: message, fieldErrors: data?.errors ?? [], truncated: data?.truncated ?? false,
                 reason: data?.reason, method: data?.method)
    }
}
