import JSONRPC
import Testing

/// What hostile messages cost: a batch answered in steps gives the same bytes as at once,
/// `data.errors` stops at 100 entries, and small objects are parsed into small arrays.
@Suite struct BoundedCostTests {
    private let dispatcher = Dispatcher(table: .testTable())

    /// A batch of every kind of member: answers, errors, notifications, non-requests.
    private var mixedBatch: String {
        let members = (0..<60).map { index -> String in
            switch index % 6 {
            case 0: #"{"jsonrpc":"2.0","method":"echo","params":{"text":"\#(String(repeating: "x", count: index))"},"id":\#(index)}"#
            case 1: #"{"jsonrpc":"2.0","method":"record"}"#
            case 2: #"{"jsonrpc":"2.0","method":"nope","id":"\#(index)"}"#
            case 3: "\(index)"
            case 4: #"{"jsonrpc":"2.0","method":"echo","params":{"txet":1},"id":null}"#
            default: #"{"jsonrpc":"2.0","method":"ping","id":\#(index)}"#
            }
        }
        return "[" + members.joined(separator: " ,\n ") + "]"
    }

    /// Runs `text` as a batch in steps; with each step's output, the bytes that counting the
    /// rest in one-member steps found due before it.
    private func steps(_ text: String, until limit: Int) -> (joined: String, steps: [(due: Int, wrote: Int)]) {
        let message = Array(text.utf8)
        var whole = JSONWriter()
        guard case .batch(let membersAt) = message.withUnsafeBytes({ dispatcher.begin($0, into: &whole) }) else {
            Issue.record("not a batch")
            return ("", [])
        }
        var batch = dispatcher.batch(membersAt: membersAt)
        var joined = ""
        var steps: [(due: Int, wrote: Int)] = []
        message.withUnsafeBytes { bytes in
            while !batch.isFinished {
                var rest = batch, counted = JSONWriter(), due = 0  // counted as a transport counts
                while !rest.isFinished {
                    counted.reset()
                    rest.step(bytes, into: &counted, until: 1)
                    due += counted.count
                }
                var out = JSONWriter()  // a fresh writer per step, as a transport uses them
                batch.step(bytes, into: &out, until: limit)
                joined += out.string
                steps.append((due, out.count))
            }
        }
        return (joined, steps)
    }

    @Test func aBatchAnsweredInStepsIsTheSameBytesAsAtOnce() {
        let whole = respond(mixedBatch)!
        for limit in [1, 2, 50, 300, 1 << 20] {
            let result = steps(mixedBatch, until: limit)
            #expect(result.joined == whole, "limit \(limit)")
            #expect((result.steps.count > 1) == (limit < whole.utf8.count), "limit \(limit)")
            // What was counted before each step is exactly what it and the later ones wrote.
            var left = whole.utf8.count
            for step in result.steps {
                #expect(step.due == left, "limit \(limit)")
                left -= step.wrote
            }
        }
    }

    @Test func aBatchOfNotificationsStillWritesNothingInSteps() {
        let batch = "[" + Array(repeating: #"{"jsonrpc":"2.0","method":"record"}"#, count: 10).joined(separator: ",") + "]"
        let result = steps(batch, until: 1)
        #expect(result.joined == "")
        #expect(result.steps.allSatisfy { $0.due == 0 && $0.wrote == 0 })
    }

    /// A batch is checked whole before any member runs, though members are parsed one at a
    /// time as they run: a syntax error at its very end still runs nothing.
    @Test func aBrokenBatchRunsNoMember() {
        let counter = CallCounter()
        let members = Array(repeating: #"{"jsonrpc":"2.0","method":"record"}"#, count: 5).joined(separator: ",")
        let answer = respond("[" + members + ",{]", counter: counter)
        #expect(answer?.contains(#""code":-32700"#) == true)
        #expect(counter.value == 0)
        #expect(respond("[" + members + "]", counter: counter) == nil)
        #expect(counter.value == 5)
    }

    @Test func anEmptyBatchIsOneInvalidRequest() {
        #expect(respond("[ ]")
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"an empty batch"}}}"#)
    }

    // MARK: data.errors

    private func unknownFields(_ count: Int, extra: String = "") -> String {
        let fields = (0..<count).map { #""u\#($0)":0"# }.joined(separator: ",")
        return #"{"jsonrpc":"2.0","method":"echo","params":{\#(extra)\#(fields)},"id":1}"#
    }

    private func errors(of answer: String?) -> (paths: [String], truncated: Bool) {
        guard let answer, let json = try? JSONParser.parse(answer), let data = json["error"]?["data"] else {
            return ([], false)
        }
        var paths: [String] = []
        if case .array(let entries)? = data["errors"] {
            for entry in entries {
                if case .string(let path)? = entry["path"] { paths.append(path) }
            }
        }
        return (paths, data["truncated"] == .bool(true))
    }

    @Test func errorsStopAtOneHundredAndSaySo() {
        // 99 unknown fields and the missing text: 100 errors, all listed.
        var result = errors(of: respond(unknownFields(99)))
        #expect(result.paths.count == 100 && !result.truncated)
        #expect(result.paths.first == "/text" && result.paths.last == "/u98")
        result = errors(of: respond(unknownFields(100)))
        #expect(result.paths.count == 100 && result.truncated)
        result = errors(of: respond(unknownFields(5000)))
        #expect(result.paths.count == 100 && result.truncated)
        // Field errors keep their place ahead of the unknown fields, however many.
        #expect(result.paths.first == "/text" && result.paths[1] == "/u0" && result.paths.last == "/u98")
    }

    @Test func theCapKeepsParamsOrderAcrossNestedItems() {
        // Three items with 80 unknown fields each, then a bad tag: the first 100 in order.
        let item = "{" + (0..<80).map { #""x\#($0)":1"# }.joined(separator: ",") + #","name":"a"}"#
        let answer = respond(#"{"jsonrpc":"2.0","method":"order","params":{"tags":[1],"items":[\#(item),\#(item),\#(item)]},"id":1}"#)
        let result = errors(of: answer)
        #expect(result.paths.count == 100 && result.truncated)
        #expect(result.paths.first == "/items/0/x0" && result.paths[80] == "/items/1/x0" && result.paths.last == "/items/1/x19")
    }

    @Test func aCheckAcrossFieldsStillLandsAtItsField() {
        // Repeated names are found by the cross-field check, after the unknown fields:
        // reported at /items, ahead of the unknown top-level fields.
        let answer = respond(#"{"jsonrpc":"2.0","method":"order","params":{"zz":1,"items":[{"name":"a"},{"name":"a"}],"yy":2},"id":1}"#)
        #expect(errors(of: answer).paths == ["/items/1/name", "/zz", "/yy"])
    }

    // MARK: Parse trees

    @Test func smallObjectsTakeSmallArrays() throws {
        guard case .array(let elements) = try JSONParser.parse("[{},{\"a\":1},{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}]") else {
            Issue.record("not an array")
            return
        }
        var capacities: [Int] = []
        for case .object(let members) in elements { capacities.append(members.capacity) }
        // Reserving room for eight members made `[{},{},…]` cost 130 bytes per byte of text.
        #expect(capacities[0] == 0)
        #expect(capacities[1] < 4)
        #expect(capacities[2] >= 5)
        #expect(elements[2] == JSON.object((0..<5).map { JSONMember(["a", "b", "c", "d", "e"][$0], .number(String($0 + 1))) }))
    }
}
