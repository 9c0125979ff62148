/// The members of a request object that JSON-RPC 2.0 reads; others are ignored, as the
/// specification leaves them. When a key repeats, the last one wins, as everywhere.
public struct RequestMembers: Sendable, MemberSink {
    public var jsonrpc: JSON?
    public var id: JSON?
    public var method: JSON?
    public var params: JSON?

    public init() {}

    /// The members of an object already parsed (a batch's requests).
    public init(_ members: [JSONMember]) {
        for member in members { add(member.key, member.value) }
    }

    mutating func add(_ key: String, _ value: JSON) {
        // Lengths first: most comparisons end there.
        switch key.utf8.count {
        case 2 where key == "id": id = value
        case 6 where key == "method": method = value
        case 6 where key == "params": params = value
        case 7 where key == "jsonrpc": jsonrpc = value
        default: break
        }
    }
}
