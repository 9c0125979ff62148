import Foundation
import RPCTransport
import Testing

/// A framer event with its bytes copied out, so events can be compared after the callback.
enum Event: Equatable, CustomStringConvertible {
    case message([UInt8])
    case malformed(String)
    case oversized(Int)
    case fatal(String)

    static func message(_ text: String) -> Event { .message(Array(text.utf8)) }

    init(_ event: FrameEvent) {
        switch event {
        case .message(let bytes): self = .message(Array(bytes))
        case .malformed(let reason): self = .malformed(reason)
        case .oversized(let count): self = .oversized(count)
        case .fatal(let reason): self = .fatal(reason)
        }
    }

    var description: String {
        switch self {
        case .message(let bytes): "message(\(String(decoding: bytes, as: UTF8.self).debugDescription))"
        case .malformed(let reason): "malformed(\(reason))"
        case .oversized(let count): "oversized(\(count))"
        case .fatal(let reason): "fatal(\(reason))"
        }
    }
}

/// A small deterministic generator, so random splits are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// How an input is cut into the chunks pushed to the framer.
enum Split: CustomStringConvertible {
    case whole
    case byteByByte
    case random(seed: UInt64)

    static let all: [Split] = [.whole, .byteByByte, .random(seed: 1), .random(seed: 2), .random(seed: 0xC0FFEE)]

    func chunks(of count: Int) -> [Range<Int>] {
        switch self {
        case .whole:
            return [0..<count]
        case .byteByByte:
            return (0..<count).map { $0..<$0 + 1 }
        case .random(let seed):
            var generator = SplitMix64(state: seed)
            var ranges: [Range<Int>] = []
            var start = 0
            while start < count {
                // Mostly tiny chunks, now and then a large one.
                let size = Int.random(in: 0...9, using: &generator) == 0
                    ? Int.random(in: 1...max(1, count / 2), using: &generator)
                    : Int.random(in: 1...7, using: &generator)
                let end = min(count, start + size)
                ranges.append(start..<end)
                start = end
            }
            return ranges
        }
    }

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteByByte: "one byte at a time"
        case .random(let seed): "random chunks (seed \(seed))"
        }
    }
}

struct Framed {
    /// Events before `finish()`.
    var pushed: [Event] = []
    /// Events from `finish()`.
    var finished: [Event] = []
    var framing: Framing?
    var all: [Event] { pushed + finished }
}

/// Pushes `input` into a fresh framer cut as `split` says, then calls `finish()`.
func frame(_ input: [UInt8], split: Split, maxMessageBytes: Int = 1 << 20) -> Framed {
    var framer = Framer(maxMessageBytes: maxMessageBytes)
    var result = Framed()
    var framings: [Framing] = []
    input.withUnsafeBytes { raw in
        for range in split.chunks(of: raw.count) {
            framer.push(UnsafeRawBufferPointer(rebasing: raw[range])) { event, framing in
                result.pushed.append(Event(event))
                framings.append(framing)
            }
        }
    }
    framer.finish { event, framing in
        result.finished.append(Event(event))
        framings.append(framing)
    }
    result.framing = framer.framing
    #expect(framings.allSatisfy { $0 == framer.framing }, "an event reported another framing")
    return result
}

/// The events for `input`, checked to be identical however the input is cut: whole, one
/// byte at a time and in seeded random chunks.
func frameEverySplit(_ input: [UInt8], maxMessageBytes: Int = 1 << 20,
                     sourceLocation: SourceLocation = #_sourceLocation) -> Framed {
    let reference = frame(input, split: .whole, maxMessageBytes: maxMessageBytes)
    for split in Split.all.dropFirst() {
        let other = frame(input, split: split, maxMessageBytes: maxMessageBytes)
        #expect(other.pushed == reference.pushed, "events before finish, \(split)", sourceLocation: sourceLocation)
        #expect(other.finished == reference.finished, "events from finish, \(split)", sourceLocation: sourceLocation)
        #expect(other.framing == reference.framing, "framing, \(split)", sourceLocation: sourceLocation)
    }
    return reference
}

func frameEverySplit(_ text: String, maxMessageBytes: Int = 1 << 20,
                     sourceLocation: SourceLocation = #_sourceLocation) -> Framed {
    frameEverySplit(Array(text.utf8), maxMessageBytes: maxMessageBytes, sourceLocation: sourceLocation)
}
