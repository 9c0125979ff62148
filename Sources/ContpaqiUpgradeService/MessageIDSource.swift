import Synchronization

/// Where the unique part of each `Message-ID` comes from.
///
/// RFC 5322 §3.6.4 wants a Message-ID unique to one message: two sends of the same request
/// are two messages, so nothing derived from the request can serve. 128 random bits from
/// the system make a repeat as likely as a UUID collision, with no state to share between
/// threads or processes. Like ``ServiceClock`` it is injected, so that the documented
/// examples can be reproduced byte for byte while real calls stay random.
public struct MessageIDSource: Sendable {
    private let draw: @Sendable () -> (UInt64, UInt64)

    public init(draw: @escaping @Sendable () -> (UInt64, UInt64)) { self.draw = draw }

    /// The operating system's random source, for every real call.
    public static let system = MessageIDSource {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }

    /// A fixed sequence (SplitMix64 from `seed`), for documentation and tests: each source
    /// made here starts the sequence afresh, so a document built with one is the same on
    /// every run, and its ids still differ from call to call, as real ones do.
    public static func seeded(_ seed: UInt64) -> MessageIDSource {
        let state = SeedState(seed)
        return MessageIDSource { (state.next(), state.next()) }
    }

    /// 32 lowercase hex digits: dot-atom text, as `id-left` requires.
    func uniquePart() -> String {
        let (high, low) = draw()
        var digits: [UInt8] = []
        digits.reserveCapacity(32)
        for value in [high, low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF
                digits.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
            }
        }
        return String(decoding: digits, as: UTF8.self)
    }
}

/// SplitMix64's state in an atomic, so a seeded source is as `Sendable` as the system one.
private final class SeedState: Sendable {
    private let state: Atomic<UInt64>

    init(_ seed: UInt64) { state = Atomic(seed) }

    func next() -> UInt64 {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
