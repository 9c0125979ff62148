/// An RFC 5322 mailbox: `"Display Name" <local@domain>` or a bare `local@domain`.
public struct Mailbox: Sendable, Equatable {
    /// The address, `local@domain`, expected to be plain ASCII without angle brackets.
    public let address: String
    /// The human-readable name shown by mail programs; any Unicode text.
    public let displayName: String?

    /// Creates a mailbox; the values are stored as given and made header-safe when rendered.
    public init(address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The address as it may appear in a header; see ``HeaderText/sanitizedAddress(_:)``.
    var headerAddress: String { HeaderText.sanitizedAddress(address) }

    /// Header tokens for this mailbox, starting `firstLineUsed` characters into a line.
    ///
    /// A mailbox that fits on one line becomes a single token, so folding happens between
    /// mailboxes rather than between a name and its address; the two spare characters are
    /// for a following comma and the folding space.
    func headerTokens(firstLineUsed: Int) -> [HeaderToken] {
        let name = HeaderText.phrase(displayName ?? "", firstLineUsed: firstLineUsed)
        if name.isEmpty {
            return [HeaderToken(headerAddress)]
        }
        let tokens = name + [HeaderToken("<" + headerAddress + ">")]
        let width = tokens.reduce(-1) { $0 + $1.width }
        guard firstLineUsed + width + 2 <= HeaderField.preferredLineLength else { return tokens }
        var joined = tokens[0].text
        joined.reserveCapacity(width)
        for token in tokens.dropFirst() {
            joined += String(repeating: " ", count: token.leadingSpaces)
            joined += token.text
        }
        return [HeaderToken(joined)]
    }

    /// Header tokens for a comma-separated address list (`To`, `Cc`) after `name: `.
    static func listTokens(_ mailboxes: [Mailbox], headerName: String) -> [HeaderToken] {
        var tokens: [HeaderToken] = []
        for (position, mailbox) in mailboxes.enumerated() {
            // Later mailboxes are free to start on a continuation line.
            let used = position == 0 ? headerName.utf8.count + 2 : 0
            var mailboxTokens = mailbox.headerTokens(firstLineUsed: used)
            if position < mailboxes.count - 1 {
                mailboxTokens[mailboxTokens.count - 1].text += ","
            }
            tokens += mailboxTokens
        }
        return tokens
    }
}
