import RPCTransport

/// The command line, parsed. Usage errors carry the message printed before exit 2.
enum Command {
    case serveStdio(ServerSettings)
    case serveSocket(ServerSettings)
    case call(socket: String?, method: String, params: String?)
    case schema
    case help
    case version
}

struct ServerSettings {
    var socket = SocketServer.Options()
    var logger = Logger()
}

struct UsageError: Error {
    let message: String
}

enum Arguments {
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        var rest = arguments[...]
        switch rest.first {
        // No arguments: stdio, unless systemd passed a socket (a unit's bare ExecStart).
        case nil: return try parseServe([])
        case "--help"?, "-h"?, "help"?: return .help
        case "--version"?: return .version
        case "schema"?:
            guard rest.count == 1 else { throw UsageError(message: "schema takes no arguments") }
            return .schema
        case "call"?:
            rest.removeFirst()
            return try parseCall(rest)
        case "serve"?:
            rest.removeFirst()
            return try parseServe(rest)
        case let first? where first.hasPrefix("--"):
            return try parseServe(rest)
        case let first?:
            throw UsageError(message: "unknown command '\(first)'")
        }
    }

    private static func parseCall(_ arguments: ArraySlice<String>) throws(UsageError) -> Command {
        var rest = arguments
        var socket: String?
        if rest.first == "--socket" {
            rest.removeFirst()
            guard let path = rest.popFirst(), !path.isEmpty else { throw UsageError(message: "--socket needs a PATH") }
            socket = path
        }
        guard let method = rest.popFirst(), !method.hasPrefix("--") else {
            throw UsageError(message: "call needs a METHOD")
        }
        let params = rest.popFirst()
        guard rest.isEmpty else { throw UsageError(message: "call takes METHOD and at most one PARAMS_JSON") }
        return .call(socket: socket, method: method, params: params)
    }

    private static func parseServe(_ arguments: ArraySlice<String>) throws(UsageError) -> Command {
        var settings = ServerSettings()
        var stdio = false
        var rest = arguments
        var level = Logger.Level.info
        var format = Logger.Format.text
        while let option = rest.popFirst() {
            if option == "--stdio" { stdio = true; continue }
            guard let value = rest.popFirst() else { throw UsageError(message: "\(option) needs a value") }
            switch option {
            case "--socket":
                // An empty path would bind an unnamed abstract socket nobody can reach.
                guard !value.isEmpty else { throw UsageError(message: "--socket needs a PATH") }
                settings.socket.path = value
            case "--socket-mode":
                guard !value.isEmpty, value.count <= 4, let mode = UInt32(value, radix: 8), mode <= 0o777 else {
                    throw UsageError(message: "--socket-mode takes octal permissions such as 0660, not '\(value)'")
                }
                settings.socket.mode = mode
            case "--max-message-bytes":
                settings.socket.maxMessageBytes = try positive(value, option)
            case "--max-connections":
                settings.socket.maxConnections = try positive(value, option)
            case "--log-level":
                guard let parsed = Logger.Level.allCases.first(where: { $0.name == value }) else {
                    throw UsageError(message: "--log-level takes error, warn, info or debug, not '\(value)'")
                }
                level = parsed
            case "--log-format":
                guard let parsed = Logger.Format(rawValue: value) else {
                    throw UsageError(message: "--log-format takes text or json, not '\(value)'")
                }
                format = parsed
            default:
                throw UsageError(message: "unknown option '\(option)'")
            }
        }
        settings.logger = Logger(level: level, format: format)
        if stdio && settings.socket.path != nil { throw UsageError(message: "--stdio and --socket exclude each other") }
        if settings.socket.path != nil || (!stdio && SocketActivation.isActive) { return .serveSocket(settings) }
        return .serveStdio(settings)
    }

    private static func positive(_ value: String, _ option: String) throws(UsageError) -> Int {
        guard let number = Int(value), number > 0 else {
            throw UsageError(message: "\(option) takes a positive whole number, not '\(value)'")
        }
        return number
    }
}
