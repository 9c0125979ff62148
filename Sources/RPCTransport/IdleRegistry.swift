import Synchronization

/// Which connections are idle, and since when, for every loop to see: what lets a full
/// server close the connection idle longest, whichever loop owns it, to admit a newcomer.
///
/// One word per descriptor number (the kernel hands out the lowest free number, so
/// connections stay below `maxConnections` plus the server's few other descriptors; one
/// above `capacity` is simply never evicted). A word is `busy` (0), `evicted`, or an idle
/// stamp with its owner loop in the low byte. Only the owner loop writes a stamp or `busy`,
/// always by compare-and-exchange from what it last wrote; any loop may claim an idle word by
/// exchanging it for `evicted`. So a claim and the owner's next move are ordered by the one
/// word: either the claim wins (the owner's exchange fails and it closes the connection), or
/// the owner's does (the claim fails and the claimer looks again). The owner clears the word
/// before closing the descriptor, so a claim never reaches the next holder of the number.
///
/// Exchanges are sequentially consistent: the same locked instruction as relaxed on x86,
/// and no ordering argument to get wrong elsewhere.
///
/// The owner's writes cost nothing per request: one comparison with what it last published,
/// and an exchange only when the connection turns busy or idle, or its idle stamp is a sweep
/// interval old.
public final class IdleRegistry: @unchecked Sendable {
    // @unchecked: `slots` is a pointer, which Swift never deems Sendable. It is allocated and
    // initialized in init, never reassigned, and freed in deinit when no loop is left to use
    // it; between the two every access to a word is an atomic operation on it.
    private let slots: UnsafeMutablePointer<Atomic<UInt64>>
    public let capacity: Int
    /// The highest descriptor ever published: eviction scans no further.
    private let highest = Atomic<Int>(-1)

    public static let busy: UInt64 = 0
    public static let evicted: UInt64 = 1

    public init(capacity: Int) {
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        for index in 0..<capacity { (slots + index).initialize(to: Atomic(IdleRegistry.busy)) }
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// An idle word: microseconds (plus one, so never `busy` or `evicted`) above the owner's byte.
    public static func idle(since nanoseconds: Int64, loop: Int) -> UInt64 {
        (UInt64(max(0, nanoseconds) / 1000) + 1) << 8 | UInt64(loop & 0xFF)
    }

    public static func since(_ word: UInt64) -> Int64 { Int64((word >> 8) - 1) * 1000 }

    public static func loop(of word: UInt64) -> Int { Int(word & 0xFF) }

    /// Owner: replaces what it last published. False when the connection was claimed meanwhile:
    /// it is evicted and must be closed (its place already went to a newcomer).
    public func publish(_ fd: Int32, from old: UInt64, to new: UInt64) -> Bool {
        let index = Int(fd)
        guard index >= 0 && index < capacity else { return true }
        if new != IdleRegistry.busy && highest.load(ordering: .relaxed) < index {
            highest.max(index, ordering: .relaxed)
        }
        return slots[index].compareExchange(expected: old, desired: new, ordering: .sequentiallyConsistent).exchanged
    }

    /// Owner, before closing the descriptor: true when the connection had been claimed, whose
    /// place in the connection count was already handed on.
    public func clear(_ fd: Int32) -> Bool {
        let index = Int(fd)
        guard index >= 0 && index < capacity else { return false }
        return slots[index].exchange(IdleRegistry.busy, ordering: .sequentiallyConsistent) == IdleRegistry.evicted
    }

    public func isClaimed(_ fd: Int32) -> Bool {
        let index = Int(fd)
        return index >= 0 && index < capacity && slots[index].load(ordering: .relaxed) == IdleRegistry.evicted
    }

    /// Claims the connection idle longest (the smallest stamp) anywhere; returns its descriptor
    /// and owner loop, or nil when no connection is idle. A word that changes under the claim
    /// turned busy or fresher: look again.
    ///
    /// `hasInput` tells a connection whose bytes wait unread: its owner has not seen them
    /// yet (a newcomer's first request, typically), so it is not really idle and the next
    /// oldest is taken instead. When all are so, or `maxPassedOver` were passed over, the
    /// oldest is taken all the same: a newcomer is still refused only when none is idle.
    public func claimLongestIdle(passingOver hasInput: (Int32) -> Bool = { _ in false }) -> (fd: Int32, loop: Int)? {
        var passedOver: [Int] = []
        var choosy = true
        while true {
            var oldest = UInt64.max
            var found = -1
            let last = min(highest.load(ordering: .relaxed), capacity - 1)
            if last >= 0 {
                for index in 0...last {
                    let word = slots[index].load(ordering: .relaxed)
                    if word > IdleRegistry.evicted && word >> 8 < oldest >> 8 && !passedOver.contains(index) {
                        oldest = word
                        found = index
                    }
                }
            }
            if found < 0 {
                if passedOver.isEmpty { return nil }
                choosy = false  // every idle one has input waiting: the oldest of them, then
                passedOver = []
                continue
            }
            if choosy && hasInput(Int32(found)) {
                passedOver.append(found)
                if passedOver.count == IdleRegistry.maxPassedOver {
                    choosy = false
                    passedOver = []
                }
                continue
            }
            if slots[found].compareExchange(expected: oldest, desired: IdleRegistry.evicted,
                                               ordering: .sequentiallyConsistent).exchanged {
                return (Int32(found), IdleRegistry.loop(of: oldest))
            }
        }
    }

    public static let maxPassedOver = 8
}
