import CSystem

/// Process-wide allocator settings for a server.
public enum Allocator {
    /// glibc hands freed heap back to the kernel eagerly, so every large answer (requestKeys)
    /// paid ~50 page faults to grow the heap again: a fifth of its time over stdio. Keeping
    /// up to 8 MiB is within the memory budget (Scripts/bench.sh reports RSS).
    public static func keepHeapWarm() { csystem_keep_heap_warm() }

    /// Gives free heap back to the kernel at once, in every thread's arena. Called after a
    /// large message (a 1 MiB batch or params tree is freed as thousands of small blocks,
    /// which the trim threshold above would keep resident), so memory returns near idle.
    static func releaseFreeMemory() { csystem_release_free_memory() }
}
