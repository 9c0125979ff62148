import JSONRPC
import RPCTransport

/// The command line, parsed. Usage errors carry the message printed before exit 2.
enum Command {
    case serveStdio(ServerSettings)
    case serveSocket(ServerSettings)
    case call(CallRequest)
    case schema
    case help
    case version
}

struct CallRequest {
    var socket: String?
    /// Seconds for connect, send and receive together; ignored in-process, where nothing can stall.
    var timeout = 30.0
    var method = ""
    var params: JSON?
}

enum Arguments {
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        var rest = arguments[...]
        switch rest.first {
        // No arguments: stdio, unless systemd passed a socket (a unit's bare ExecStart).
        case nil: return try ServeArguments.parse([])
        case "--help"?, "-h"?, "help"?: return .help
        case "--version"?: return .version
        case "schema"?:
            if let extra = rest.dropFirst().first { throw UsageError("schema takes no arguments, got '\(extra)'", .schema) }
            return .schema
        case "call"?:
            rest.removeFirst()
            return try parseCall(rest)
        case "serve"?:
            rest.removeFirst()
            return try ServeArguments.parse(rest)
        // Bare options mean serve: what a systemd unit or a supervisor writes.
        case let first? where first.hasPrefix("-"):
            return try ServeArguments.parse(rest)
        case let first?:
            throw UsageError("unknown command '\(first)'", .general)
        }
    }

    private static func parseCall(_ arguments: ArraySlice<String>) throws(UsageError) -> Command {
        var rest = arguments
        var call = CallRequest()
        while let option = rest.first, option.hasPrefix("-") {
            rest.removeFirst()
            switch option {
            case "--help", "-h":
                return .help
            case "--socket":
                let path = try value(of: option, "PATH", from: &rest, .call)
                // An empty path would bind an unnamed abstract socket nobody can reach.
                guard !path.isEmpty else { throw UsageError("--socket needs a non-empty PATH, got ''", .call) }
                call.socket = path
            case "--timeout":
                let text = try value(of: option, "SECONDS", from: &rest, .call)
                guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
                    throw UsageError("--timeout needs a positive number of seconds, got '\(text)'", .call)
                }
                call.timeout = seconds
            default:
                throw UsageError("unknown option \(option)", .call)
            }
        }
        guard let method = rest.popFirst() else { throw UsageError("call needs a METHOD", .call) }
        call.method = method
        if let params = rest.popFirst() {
            // No JSON text starts with "--": this is an option written after METHOD.
            if params.hasPrefix("--") {
                let known = params == "--socket" || params == "--timeout"
                throw UsageError(known ? "\(params) goes before METHOD" : "unknown option \(params)", .call)
            }
            do {
                call.params = try JSONParser.parse(params)
            } catch {
                throw UsageError("PARAMS_JSON is not valid JSON: \(error.reason)", .call)
            }
        }
        if let extra = rest.first { throw UsageError("call takes METHOD and at most one PARAMS_JSON, got '\(extra)' too", .call) }
        return .call(call)
    }

    /// The value after `option`. Another option in its place means the value was forgotten,
    /// which says more than "no such PATH" about `--socket --timeout 2`.
    static func value(of option: String, _ metavar: String, from rest: inout ArraySlice<String>,
                      _ usage: UsageError.Usage) throws(UsageError) -> String {
        guard let value = rest.first, !value.hasPrefix("--") else {
            throw UsageError("\(option) needs a value (\(metavar))", usage)
        }
        rest.removeFirst()
        return value
    }
}
