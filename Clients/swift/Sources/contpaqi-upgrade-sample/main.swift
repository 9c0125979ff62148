import ContpaqiUpgradeAPI
import ContpaqiUpgradeClient

// Usage: contpaqi-upgrade-sample [/path/to/contpaqi-upgrade]   (spawns it, talks over its stdio)
//        contpaqi-upgrade-sample --socket PATH                (a running `serve --socket PATH`)
let arguments = Array(CommandLine.arguments.dropFirst())
let target = arguments.last ?? "/usr/local/bin/contpaqi-upgrade"
let client = arguments.first == "--socket" ? try Client(socketPath: target) : try Client(executablePath: target)

let answer = try await client.call(CheckEligibility.self, .init(purchaseDate: CalendarDate("2011-08-15")!,
                                                                systemType: SystemType("nominas")))
print("\(answer.systemType!): \(answer.reason)")

let quote = try await client.call(QuoteSupport.self, .init(plan: .annual, systems: Bounded(2), date: CalendarDate("2012-01-10")))
print("annual x2 in January: \(quote.total!) \(quote.currency)")

do {
    _ = try await client.call(CheckEligibility.self, .init(purchaseDate: CalendarDate("2999-01-01")!))
} catch let error as RPCError {
    for field in error.fieldErrors { print("\(error.code) \(field.path) \(field.code)") }
}
await client.close()
