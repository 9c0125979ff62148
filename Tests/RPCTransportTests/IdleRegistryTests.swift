import Foundation
import RPCTransport
import Synchronization
import Testing

/// The idle connections every loop can see, and the claims that evict them.
@Suite struct IdleRegistryTests {
    private let second: Int64 = 1_000_000_000

    @Test func theClaimTakesTheConnectionIdleLongestWhicheverLoopOwnsIt() {
        let registry = IdleRegistry(capacity: 64)
        let young = IdleRegistry.idle(since: 9 * second, loop: 0)
        let old = IdleRegistry.idle(since: 2 * second, loop: 1)
        let middle = IdleRegistry.idle(since: 5 * second, loop: 0)
        #expect(registry.publish(10, from: IdleRegistry.busy, to: young))
        #expect(registry.publish(40, from: IdleRegistry.busy, to: old))
        #expect(registry.publish(20, from: IdleRegistry.busy, to: middle))
        #expect(registry.claimLongestIdle()! == (40, 1))
        #expect(registry.claimLongestIdle()! == (20, 0))
        #expect(registry.claimLongestIdle()! == (10, 0))
        #expect(registry.claimLongestIdle() == nil)
    }

    /// Bytes waiting unread (a newcomer's first request the owner has not read yet) mean
    /// the connection is not really idle: the next oldest goes instead.
    @Test func aConnectionWithInputWaitingIsPassedOver() {
        let registry = IdleRegistry(capacity: 64)
        for (fd, seconds) in [(3, 1), (4, 2), (5, 3)] as [(Int32, Int64)] {
            #expect(registry.publish(fd, from: IdleRegistry.busy, to: IdleRegistry.idle(since: seconds * second, loop: 0)))
        }
        #expect(registry.claimLongestIdle(passingOver: { $0 == 3 })! == (4, 0))
        #expect(!registry.isClaimed(3))
    }

    /// So a newcomer is still refused only when none is idle.
    @Test func whenAllHaveInputWaitingTheOldestGoesAllTheSame() {
        let registry = IdleRegistry(capacity: 64)
        for fd in Int32(3)..<6 {
            #expect(registry.publish(fd, from: IdleRegistry.busy, to: IdleRegistry.idle(since: Int64(fd) * second, loop: 0)))
        }
        #expect(registry.claimLongestIdle(passingOver: { _ in true })! == (3, 0))
        let many = IdleRegistry(capacity: 64)
        for fd in Int32(3)..<40 {
            #expect(many.publish(fd, from: IdleRegistry.busy, to: IdleRegistry.idle(since: Int64(fd) * second, loop: 1)))
        }
        var asked = 0
        #expect(many.claimLongestIdle(passingOver: { fd in asked += 1; return fd < 30 })! == (3, 1))
        #expect(asked == IdleRegistry.maxPassedOver, "the look for a quiet one is bounded")
    }

    @Test func busyConnectionsAreNeverClaimed() {
        let registry = IdleRegistry(capacity: 8)
        let idle = IdleRegistry.idle(since: second, loop: 0)
        #expect(registry.publish(3, from: IdleRegistry.busy, to: idle))
        #expect(registry.publish(3, from: idle, to: IdleRegistry.busy))
        #expect(registry.claimLongestIdle() == nil)
    }

    @Test func theOwnerLearnsOfTheClaimAtItsNextMoveOrAtClose() {
        let registry = IdleRegistry(capacity: 8)
        let idle = IdleRegistry.idle(since: second, loop: 2)
        #expect(registry.publish(5, from: IdleRegistry.busy, to: idle))
        #expect(registry.claimLongestIdle()! == (5, 2))
        #expect(registry.isClaimed(5))
        #expect(!registry.publish(5, from: idle, to: IdleRegistry.busy), "the owner turning busy must see the claim")
        #expect(registry.clear(5), "closing a claimed connection: its count went to the newcomer")
        #expect(!registry.clear(5) && !registry.isClaimed(5), "the next holder of the number starts clean")
    }

    @Test func aDescriptorBeyondTheTableIsNeverEvicted() {
        let registry = IdleRegistry(capacity: 4)
        #expect(registry.publish(4, from: IdleRegistry.busy, to: IdleRegistry.idle(since: 0, loop: 0)))
        #expect(registry.claimLongestIdle() == nil)
        #expect(!registry.clear(4))
    }

    @Test func stampsKeepTheirOrderAndOwner() {
        let word = IdleRegistry.idle(since: 1_234_567_000, loop: 3)
        #expect(IdleRegistry.since(word) == 1_234_567_000 && IdleRegistry.loop(of: word) == 3)
        #expect(IdleRegistry.idle(since: 0, loop: 0) > IdleRegistry.evicted)
    }

    /// Loops racing to evict one idle connection: exactly one claim wins.
    @Test func oneIdleConnectionIsClaimedOnceHoweverManyRace() {
        for _ in 0..<200 {
            let registry = IdleRegistry(capacity: 16)
            #expect(registry.publish(7, from: IdleRegistry.busy, to: IdleRegistry.idle(since: second, loop: 1)))
            let wins = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                if registry.claimLongestIdle() != nil { wins.withLock { $0 += 1 } }
            }
            #expect(wins.withLock { $0 } == 1)
        }
    }
}
