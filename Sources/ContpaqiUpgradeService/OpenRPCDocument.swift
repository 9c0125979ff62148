import JSONRPC

/// The OpenRPC document of the service (placeholder until the schema issue lands).
public enum OpenRPCDocument {
    public static let text: String = {
        var w = JSONWriter()
        w.beginObject()
        w.field("openrpc", "1.3.2")
        w.key("info")
        w.beginObject()
        w.field("title", ContpaqiUpgradeService.title)
        w.field("version", ContpaqiUpgradeService.version)
        w.endObject()
        w.field("methods", [JSON]())
        w.endObject()
        return w.string
    }()
}
