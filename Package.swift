// swift-tools-version:6.0
import PackageDescription

// Data flows one way: bytes -> RPCTransport (framer) -> JSONRPC (envelope, dispatcher)
// -> RPCCoding (params decoded into the ContpaqiUpgradeAPI types, every problem collected)
// -> ContpaqiUpgradeService (handlers) -> UpgradeRules / MailMessage / XLSXWriter -> typed
// result -> RPCCoding -> JSON -> bytes. No module depends on one above it.
let package = Package(
    name: "ContpaqiUpgrade",
    products: [
        .executable(name: "contpaqi-upgrade", targets: ["contpaqi-upgrade"]),
        // The methods' Codable types, for Swift programs that call the service.
        .library(name: "ContpaqiUpgradeAPI", targets: ["ContpaqiUpgradeAPI"]),
        // A Swift client over those types: Unix socket or a spawned binary's stdio.
        .library(name: "ContpaqiUpgradeClient", targets: ["ContpaqiUpgradeClient"]),
    ],
    targets: [
        // The schema: one declaration per method and the value types, standard library only.
        .target(name: "ContpaqiUpgradeAPI"),
        // Foundation's JSON coders are fine on a client: it sends a request, not thousands.
        .target(name: "ContpaqiUpgradeClient", dependencies: ["ContpaqiUpgradeAPI"]),
        .target(name: "JSONRPC"),
        // The server's Codable: a decoder over JSONRPC's tree that collects every problem,
        // an encoder into its writer, and the schemas read from the types.
        .target(name: "RPCCoding", dependencies: ["JSONRPC", "ContpaqiUpgradeAPI"]),
        // Our own shim exporting Linux's epoll/eventfd/accept4, which Glibc's module lacks.
        .target(name: "CSystem"),
        .target(name: "RPCTransport", dependencies: ["JSONRPC", "CSystem"]),
        .target(name: "UpgradeRules", dependencies: ["ContpaqiUpgradeAPI"]),
        .target(name: "MailMessage"),
        .target(name: "XLSXWriter"),
        .target(name: "ContpaqiUpgradeService",
                dependencies: ["ContpaqiUpgradeAPI", "RPCCoding", "JSONRPC", "UpgradeRules", "MailMessage", "XLSXWriter"]),
        // Release builds link fully static: a one-shot call (spawn, answer, exit) then pays no
        // dynamic loading, about three quarters of its start-up otherwise (README, Performance).
        .executableTarget(name: "contpaqi-upgrade",
                          dependencies: ["ContpaqiUpgradeService", "RPCTransport", "JSONRPC"],
                          linkerSettings: [.unsafeFlags(["-static-executable"], .when(configuration: .release))]),
        // In-process cost of each method (Scripts/bench.sh runs it beside the yardstick).
        .executableTarget(name: "contpaqi-upgrade-bench", dependencies: ["ContpaqiUpgradeService", "JSONRPC"]),
        .testTarget(name: "ContpaqiUpgradeAPITests", dependencies: ["ContpaqiUpgradeAPI", "RPCCoding", "JSONRPC"]),
        // Against the real binary (CONTPAQI_UPGRADE_BIN, else .build/release/contpaqi-upgrade).
        .testTarget(name: "ContpaqiUpgradeClientTests", dependencies: ["ContpaqiUpgradeClient", "ContpaqiUpgradeAPI"]),
        .testTarget(name: "JSONRPCTests", dependencies: ["JSONRPC", "RPCCoding", "ContpaqiUpgradeAPI"]),
        .testTarget(name: "RPCTransportTests", dependencies: ["RPCTransport", "JSONRPC", "RPCCoding", "ContpaqiUpgradeAPI"]),
        .testTarget(name: "UpgradeRulesTests", dependencies: ["UpgradeRules", "ContpaqiUpgradeAPI"]),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter"]),
        .testTarget(name: "ContpaqiUpgradeServiceTests",
                    dependencies: ["ContpaqiUpgradeService", "ContpaqiUpgradeAPI", "RPCCoding", "JSONRPC", "UpgradeRules"],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds may specialise generics across modules (the coder and the writer are
// generic and called from the service): 8% fewer instructions per request. Not on the
// targets of library products: SwiftPM refuses a versioned dependency on a product whose
// targets carry unsafe flags.
let libraryTargets: Set<String> = ["ContpaqiUpgradeAPI", "ContpaqiUpgradeClient"]
for target in package.targets where target.type != .system && target.name != "CSystem" && !libraryTargets.contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
}
