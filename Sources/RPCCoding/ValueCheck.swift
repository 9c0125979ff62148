import ContpaqiUpgradeAPI

/// A check the service runs on every value of one type as it is read, reported at that
/// value's pointer in params order, as if the type had refused it: a system type against
/// the catalog, which the type itself cannot know. It may also replace the value (the
/// catalog's canonical name for the name given).
public struct ValueCheck: Sendable {
    let type: ObjectIdentifier
    /// Runs on the value behind the pointer, known to be of `type`.
    private let body: @Sendable (UnsafeMutableRawPointer) -> ValueError?

    public static func on<T>(_ type: T.Type, _ check: @escaping @Sendable (inout T) -> ValueError?) -> ValueCheck {
        ValueCheck(type: ObjectIdentifier(T.self)) { raw in check(&raw.assumingMemoryBound(to: T.self).pointee) }
    }

    /// Runs the checks of `T` on `value`.
    static func run<T>(_ checks: [ValueCheck], on value: inout T) -> ValueError? {
        let id = ObjectIdentifier(T.self)
        for check in checks where check.type == id {
            if let problem = withUnsafeMutablePointer(to: &value, { check.body(UnsafeMutableRawPointer($0)) }) {
                return problem
            }
        }
        return nil
    }
}
