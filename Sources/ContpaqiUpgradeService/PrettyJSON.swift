import JSONRPC

/// Two-space indented JSON, for the committed schema file that people read and diff.
enum PrettyJSON {
    static func text(_ json: JSON) -> String {
        var out = ""
        write(json, indent: "", into: &out)
        return out + "\n"
    }

    private static func write(_ json: JSON, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch json {
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                write(element, indent: inner, into: &out)
                out += index < elements.count - 1 ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + JSON.string(member.key).description + ": "
                write(member.value, indent: inner, into: &out)
                out += index < members.count - 1 ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            out += json.description
        }
    }
}
