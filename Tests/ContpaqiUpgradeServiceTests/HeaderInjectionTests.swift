import JSONRPC
import Testing

/// A line break (or its look-alikes) in any field that could reach the message is an
/// injection attempt: refused with -32602, and nothing of it reaches any output.
@Suite struct HeaderInjectionTests {
    let service = Service()

    static let payloads = ["\r", "\n", "\r\n", "\r\nBcc: x@evil.com", "\nBcc: x@evil.com",
                           "\u{2028}Bcc: x@evil.com", "\u{0}", "\u{85}Bcc: x@evil.com", "\r\n\r\nBcc: x@evil.com"]

    /// Each field, how to place the payload in it (between words: white space at the ends is
    /// trimmed, API.md §2), and the code the contract gives it.
    static let fields: [(path: String, code: String, params: @Sendable (String) -> String)] = [
        ("/company", "INVALID_TEXT", { Sample.request(company: "Empresa" + $0 + " S.A.") }),
        ("/contactName", "INVALID_TEXT", { Sample.request(contact: "Raul" + $0 + " Gonzalez") }),
        ("/contactEmail", "INVALID_EMAIL", { Sample.request(email: "r" + $0 + "@empresa.mx") }),
        ("/from", "INVALID_EMAIL", { Sample.request(extra: #""from":\#(quoted("r@empresa" + $0 + ".mx"))"#) }),
        ("/cc/1", "INVALID_EMAIL", { Sample.request(extra: #""cc":["a@b.mx",\#(quoted("c" + $0 + "@d.mx"))]"#) }),
        ("/bcc/0", "INVALID_EMAIL", { Sample.request(extra: #""bcc":[\#(quoted("c@d" + $0 + ".mx"))]"#) }),
        ("/systems/0/systemType", "INVALID_TEXT", { Sample.request(systems: "[" + Sample.system("Nó" + $0 + "minas", "AAAA-BBBB-CCCC-DDDD") + "]") }),
        ("/systems/0/serialNumber", "INVALID_TEXT", { Sample.request(systems: "[" + Sample.system("Nóminas", "AAAA-BBBB" + $0 + "-CCCC-DDDD") + "]") }),
    ]

    @Test(arguments: 0..<8)
    func everyFieldRefusesLineBreaks(_ field: Int) {
        let (path, code, params) = Self.fields[field]
        for payload in Self.payloads {
            let response = service.respond("requestKeys", params(payload))
            #expect(response["result"] == nil)
            let error = RPCErrorReply(response["error"] ?? .null)
            #expect(error.code == -32602)
            #expect(error.summary == ["\(path) \(code)"], "payload \(payload.unicodeScalars.map { $0.value })")
            // The response echoes nothing of the attempt (paths and Spanish messages only).
            #expect(!response.description.contains("evil.com"))
        }
    }

    /// At the ends, white space (CR, LF, NEL, U+2029 included) is trimmed and never reaches a
    /// header; what is left blank is missing. Inside, the same characters are refused.
    @Test func whiteSpaceAtTheEndsIsTrimmedAndInsideIsRefused() throws {
        for text in ["\nRaul", "Raul\r\n", " \t Raul", "Raul \u{2029} ", "\u{85}Raul\u{A0}"] {
            let result = try #require(service.result("requestKeys", Sample.request(contact: text)), "\(text.debugDescription)")
            #expect(result["message"]?.text?.contains("From: Raul <") == true)
        }
        #expect(service.error("requestKeys", Sample.request(contact: "\r\n"))?.summary == ["/contactName REQUIRED"])
        for text in ["Raul\nGonzalez", "Raul \u{2029} G", "R\u{85}G", "Raul\tGonzalez"] {
            #expect(service.error("requestKeys", Sample.request(contact: text))?.summary == ["/contactName INVALID_TEXT"])
        }
    }

    /// An attempt in several fields at once reports every one of them.
    @Test func everyAttemptIsReported() {
        let evil = "\r\nBcc: x@evil.com\r\nX: "
        let params = Sample.request(systems: "[" + Sample.system("Bancos" + evil + "y", "AAAA-BBBB-CCCC-DDDD") + "]",
                                    company: "E" + evil + "y", contact: "C" + evil + "y", email: "a@b.mx" + evil + "y",
                                    extra: #""from":\#(quoted("f@b.mx" + evil + "y")),"cc":[\#(quoted("c@b.mx" + evil + "y"))],"bcc":[\#(quoted("d@b.mx" + evil + "y"))]"#)
        #expect(service.error("requestKeys", params)?.summary == [
            "/company INVALID_TEXT", "/contactName INVALID_TEXT", "/contactEmail INVALID_EMAIL",
            "/systems/0/systemType INVALID_TEXT", "/from INVALID_EMAIL", "/cc/0 INVALID_EMAIL", "/bcc/0 INVALID_EMAIL",
        ])
    }

    /// Look-alikes that are not line breaks are ordinary text, encoded safely.
    @Test func encodedWordLookAlikesStayInsideTheirHeader() throws {
        let result = try #require(service.result("requestKeys", Sample.request(contact: "=?UTF-8?Q?Bcc=3A_x@evil.com?= Raul")))
        let message = try #require(result["message"]?.text)
        let head = try #require(message.split(separator: "\r\n\r\n").first)
        #expect(!head.split(separator: "\r\n").contains { $0.lowercased().hasPrefix("bcc") })
        #expect(head.split(separator: "\r\n").filter { $0.hasPrefix("From:") }.count == 1)
    }
}
