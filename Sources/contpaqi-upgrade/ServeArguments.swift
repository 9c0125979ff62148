import RPCTransport

struct ServerSettings {
    var socket = SocketServer.Options()
    var logger = Logger()
}

/// What is wrong, and which usage line to show under it (the one for the command being parsed).
struct UsageError: Error {
    enum Usage: String {
        case general = "contpaqi-upgrade [serve | call | schema | --help | --version] [ARGUMENTS]"
        case serve = "contpaqi-upgrade [serve] [--stdio | --socket PATH] [SERVER OPTIONS]"
        case call = "contpaqi-upgrade call [--socket PATH] [--timeout SECONDS] METHOD [PARAMS_JSON]"
        case schema = "contpaqi-upgrade schema"
    }

    let message: String
    let usage: Usage

    init(_ message: String, _ usage: Usage) {
        self.message = message
        self.usage = usage
    }
}

enum ServeArguments {
    /// Every option that takes a value, with the name of that value for "needs a value".
    private static let valueNames = [
        "--socket": "PATH", "--socket-mode": "MODE", "--max-message-bytes": "N", "--max-connections": "N",
        "--shutdown-timeout": "SECONDS", "--log-level": "LEVEL", "--log-format": "FORMAT",
    ]

    static func parse(_ arguments: ArraySlice<String>) throws(UsageError) -> Command {
        var settings = ServerSettings()
        var stdio = false
        var rest = arguments
        var level = Logger.Level.info
        var format = Logger.Format.text
        while let option = rest.popFirst() {
            if option == "--help" || option == "-h" { return .help }
            if option == "--stdio" { stdio = true; continue }
            guard let valueName = valueNames[option] else {
                throw UsageError(option.hasPrefix("-") ? "unknown option \(option)" : "serve takes only options, got '\(option)'",
                                 .serve)
            }
            let value = try Arguments.value(of: option, valueName, from: &rest, .serve)
            switch option {
            case "--socket":
                // An empty path would bind an unnamed abstract socket nobody can reach.
                guard !value.isEmpty else { throw UsageError("--socket needs a non-empty PATH, got ''", .serve) }
                settings.socket.path = value
            case "--socket-mode":
                guard !value.isEmpty, value.count <= 4, let mode = UInt32(value, radix: 8), mode <= 0o777 else {
                    throw UsageError("--socket-mode needs octal permissions such as 0660, got '\(value)'", .serve)
                }
                settings.socket.mode = mode
            case "--max-message-bytes":
                settings.socket.maxMessageBytes = try positive(value, option)
            case "--max-connections":
                settings.socket.maxConnections = try positive(value, option)
            case "--shutdown-timeout":
                settings.socket.shutdownSeconds = try seconds(value, option)
            case "--log-level":
                guard let parsed = Logger.Level.allCases.first(where: { $0.name == value }) else {
                    throw UsageError("--log-level needs error, warn, info or debug, got '\(value)'", .serve)
                }
                level = parsed
            case "--log-format":
                guard let parsed = Logger.Format(rawValue: value) else {
                    throw UsageError("--log-format needs text or json, got '\(value)'", .serve)
                }
                format = parsed
            default:  // in valueNames but not handled here: still not an option serve knows
                throw UsageError("unknown option \(option)", .serve)
            }
        }
        settings.logger = Logger(level: level, format: format)
        if stdio && settings.socket.path != nil { throw UsageError("--stdio and --socket exclude each other", .serve) }
        if settings.socket.path != nil || (!stdio && SocketActivation.isActive) { return .serveSocket(settings) }
        return .serveStdio(settings)
    }

    private static func positive(_ value: String, _ option: String) throws(UsageError) -> Int {
        guard let number = Int(value), number > 0 else {
            throw UsageError("\(option) needs a positive integer, got '\(value)'", .serve)
        }
        return number
    }

    /// A day is far beyond any sensible deadline, and keeps the value clear of overflow
    /// when it is added to a clock.
    static let maxSeconds = 86_400.0

    /// A duration in seconds, decimals allowed (`0.5`). Plain decimal digits only: Double
    /// alone would also take `0x10`, `1e3` and `inf`, which nobody means in a unit file.
    private static func seconds(_ value: String, _ option: String) throws(UsageError) -> Double {
        let plain = value.utf8.allSatisfy { $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0) }
            && value.utf8.count(where: { $0 == UInt8(ascii: ".") }) <= 1
        guard plain, let number = Double(value), number > 0, number <= maxSeconds else {
            throw UsageError("\(option) needs a positive number of seconds up to \(Int(maxSeconds)), got '\(value)'", .serve)
        }
        return number
    }
}
