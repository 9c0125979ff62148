#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A value only reached under a lock: what `Synchronization.Mutex` offers, over a pthread
/// mutex. On Linux `Mutex` waits on a futex of its own, which the thread sanitizer cannot
/// see, so it reports every access under it as a race; pthread_mutex_lock it intercepts.
// @unchecked Sendable, because the compiler cannot see the lock: `value` is read and
// written only inside `withLock`, between pthread_mutex_lock and pthread_mutex_unlock of
// `mutex`, so every access is ordered after the previous one; `Value` is Sendable, so what
// goes in or comes out may cross threads; `mutex` is allocated once and never moves (a
// pthread mutex must not), and is destroyed in deinit, when no thread holds the object.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
