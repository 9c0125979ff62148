import ContpaqiUpgradeAPI
import JSONRPC
import Synchronization

/// Every problem found in one params object, each with its JSON Pointer, kept in params
/// order: fields in the order their type declares them (a cross-field check reports where
/// its field is, after that field's own problems), unknown fields last, in request order.
///
/// The order is known when a problem is recorded (the rank of the top-level field being
/// read), so no path is ever parsed back to sort the list.
public struct ParamsProblems: Sendable {
    /// Where this params object sits (`""` for params itself).
    public let pointer: String
    /// The type's field names in declaration order, for ranking checks' problems.
    let fieldOrder: FieldOrder
    private var entries: [(error: FieldError, rank: Int)] = []
    private var sorted = true

    /// Rank of the problems found after every field was read: unknown fields.
    static let lastRank = Int.max

    public init(pointer: String = "", fieldOrder: [String] = []) {
        self.init(pointer: pointer, fieldOrder: FieldOrder(fieldOrder))
    }

    init(pointer: String, fieldOrder: FieldOrder) {
        self.pointer = pointer
        self.fieldOrder = fieldOrder
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The problems, in params order.
    public var errors: [FieldError] {
        guard !sorted else { return entries.map(\.error) }
        return entries.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.error)
    }

    /// Where problems were found, in the order they were found.
    public var paths: [String] { entries.map(\.error.path) }

    /// Whether a problem was already found at exactly `path` (a serial that failed to read
    /// holds a stand-in, which a check must not compare).
    public func contains(path: String) -> Bool { entries.contains { $0.error.path == path } }

    /// Records a problem found across fields. `relativePath` is a field name (`"users"`), a
    /// pointer below this object (`"/systems/2/serialNumber"`), or `""` for the object itself.
    public mutating func fail(_ relativePath: String, _ code: ErrorCode, _ message: String) {
        let path = relativePath.isEmpty ? pointer
            : relativePath.hasPrefix("/") ? pointer + relativePath : JSONPointer.appending(relativePath, to: pointer)
        var field = relativePath.hasPrefix("/") ? String(relativePath.dropFirst().prefix { $0 != "/" }) : relativePath
        if field.contains("~") { field = field.replacing("~1", with: "/").replacing("~0", with: "~") }
        let order = fieldOrder.names
        append(FieldError(path: path, code: FieldErrorCode(rawValue: code.rawValue), message: message),
               rank: order.firstIndex(of: field) ?? order.count)
    }

    /// Problems kept: one more than an answer lists (`FieldError.maxReported`), which is how
    /// it knows to say `"truncated": true`. Dropping the rest as they come is exact: a
    /// problem with this many kept ahead of it in params order can never be listed. So
    /// hostile params (95,000 unknown fields) cost no more than a hundred problems.
    static let kept = FieldError.maxReported + 1

    /// Whether a problem of `rank` would be kept: the decoder asks before building one.
    func keeps(rank: Int) -> Bool {
        guard entries.count >= Self.kept else { return true }
        if sorted, let last = entries.last, last.rank <= rank { return false }  // the usual case
        return entries.lazy.filter { $0.rank <= rank }.count < Self.kept
    }

    mutating func append(_ error: FieldError, rank: Int) {
        guard keeps(rank: rank) else { return }
        if let last = entries.last, last.rank > rank { sorted = false }
        entries.append((error, rank))
        if entries.count > Self.kept {
            // The one listed last goes: the highest rank, the latest of that rank.
            let last = entries.indices.max { (entries[$0].rank, $0) < (entries[$1].rank, $1) }!
            entries.remove(at: last)
        }
    }
}

/// A params type's field names in declaration order, read from the type the first time a
/// check reports a problem, then kept: once per type, and never at start-up (reading a
/// type's shape instantiates its Codable metadata, which a one-shot call would pay for
/// every method).
public final class FieldOrder: Sendable {
    private let read: @Sendable () -> [String]
    private let cache = Mutex<[String]?>(nil)

    public init<T: Decodable & Sendable>(of type: T.Type) {
        read = { SchemaReader.fieldOrder(of: T.self) }
    }

    init(_ names: [String]) {
        read = { names }
    }

    /// For params that have no fields.
    static let none = FieldOrder([])

    var names: [String] {
        if let names = cache.withLock({ $0 }) { return names }
        let names = read()
        cache.withLock { $0 = names }
        return names
    }
}
