#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ContpaqiUpgradeService
import RPCTransport

/// Wiring only: parse the command line, start what it asks for, exit with its status.
func main() -> Int32 {
    Allocator.keepHeapWarm()
    let command: Command
    do {
        command = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        printError("contpaqi-upgrade: \(error.message)\nusage: \(error.usage.rawValue)\nTry 'contpaqi-upgrade --help'.")
        return 2
    }
    switch command {
    case .help:
        printLine(helpText, to: 1)
        return 0
    case .version:
        printLine("contpaqi-upgrade \(ContpaqiUpgradeService.version)", to: 1)
        return 0
    case .schema:
        printLine(String(OpenRPCDocument.text.dropLast()), to: 1)  // the text already ends in a newline
        return 0
    case .call(let call):
        return CallCommand.run(call)
    case .serveStdio(let settings):
        return StdioServer.run(dispatcher: ContpaqiUpgradeService.dispatcher(),
                               maxMessageBytes: settings.socket.maxMessageBytes, logger: settings.logger,
                               shutdownSeconds: settings.socket.shutdownSeconds)
    case .serveSocket(let settings):
        do {
            return try SocketServer(options: settings.socket, dispatcher: ContpaqiUpgradeService.dispatcher(),
                                    logger: settings.logger).run()
        } catch {
            settings.logger.error("cannot start: \(error.description)")
            return 1
        }
    }
}

exit(main())
