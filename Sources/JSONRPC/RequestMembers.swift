/// The members of a request object that JSON-RPC 2.0 reads; others are ignored, as the
/// specification leaves them. When a key repeats, the last one wins, as everywhere.
struct RequestMembers: MemberSink {
    var jsonrpc: JSON?
    var id: JSON?
    var method: JSON?
    var params: JSON?

    init() {}

    /// The members of an object already parsed (a batch's requests).
    init(_ members: [JSONMember]) {
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

    /// The member name `bytes` spell, as the constant it is, if it is one of the four: every
    /// request has them, and making a String from bytes costs a few hundred instructions.
    static func key(spelled bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch bytes.count {
        case 2: matches(bytes, "id") ? "id" : nil
        case 6: matches(bytes, "method") ? "method" : matches(bytes, "params") ? "params" : nil
        case 7: matches(bytes, "jsonrpc") ? "jsonrpc" : nil
        default: nil
        }
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        for offset in 0..<bytes.count where bytes[offset] != text.utf8Start[offset] { return false }
        return true
    }
}
