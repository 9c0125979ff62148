#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ContpaqiUpgradeService
import JSONRPC

/// In-process costs, without transport: what one call of a method costs the CPU.
/// `contpaqi-upgrade-bench [SECONDS_PER_CASE]`; prints one line per case.

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func request(_ method: String, _ params: String) -> [UInt8] {
    Array(#"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#.utf8)
}

func systems(_ count: Int) -> String {
    let types = ["Factura electrónica", "Contabilidad", "Nóminas", "Bancos"]
    let items = (0..<count).map { index -> String in
        let serial = String(index, radix: 36).uppercased()
        let padded = String(repeating: "0", count: max(0, 4 - serial.count)) + serial
        return #"{"systemType":"\#(types[index % 4])","serialNumber":"AAAA-BBBB-CCCC-\#(padded)"}"#
    }
    return "[" + items.joined(separator: ",") + "]"
}

/// Runs `message` until `seconds` pass; returns microseconds per call.
func measure(_ dispatcher: Dispatcher, _ message: [UInt8], seconds: Double) -> (Double, Int) {
    var out = JSONWriter(capacity: 1 << 20)
    var calls = 0
    let start = now()
    var elapsed = 0.0
    while elapsed < seconds {
        for _ in 0..<16 {
            out.reset()
            _ = dispatcher.respond(to: message, into: &out)
        }
        calls += 16
        elapsed = now() - start
    }
    return (elapsed / Double(calls) * 1e6, out.count)
}

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 0.5 : 0.5
let dispatcher = ContpaqiUpgradeService.dispatcher()
let person = #""company":"Empresa de muestra, S.A. de C.V.","contactName":"Raul Gonzalez Rivera","contactEmail":"rgonzalez@empresamuestra.com.mx","sentAt":"2012-01-10T16:30:00-06:00""#
var cases: [(String, [UInt8])] = [
    ("checkEligibility", request("checkEligibility", #"{"purchaseDate":"2011-08-15"}"#)),
    ("quoteSupport", request("quoteSupport", #"{"plan":"annual","systems":2,"date":"2012-01-10"}"#)),
    ("getCatalog", request("getCatalog", "{}")),
]
for count in [1, 10, 50, 100, 1000] {
    cases.append(("requestKeys \(count) systems", request("requestKeys", "{\(person),\"systems\":\(systems(count))}")))
}
// The error path: it must cost about what an answer does, however hostile the params.
cases.append(("checkEligibility 5 errors", request("checkEligibility", #"{"a":1,"b":2,"c":3,"d":4}"#)))
let unknownFields = (0..<95_000).map { #""u\#($0)":0"# }.joined(separator: ",")
cases.append(("95,000 unknown fields", request("checkEligibility", "{\(unknownFields)}")))
print("case                          µs/call   response bytes")
for (name, message) in cases {
    let (micros, size) = measure(dispatcher, message, seconds: seconds)
    let label = name + String(repeating: " ", count: max(0, 28 - name.count))
    let value = String(Int(micros * 10)) // one decimal without Foundation's formatting
    print("\(label) \(value.dropLast().isEmpty ? "0" : String(value.dropLast())).\(value.suffix(1))       \(size)")
}
