import Foundation

/// The externally visible base URL of `fte serve` (`FTE_PUBLIC_URL`, e.g.
/// `https://support.example.com`): where Twilio calls the webhooks, and the URL its signatures
/// cover. The gateway and the senders build URLs from it the same way, so the `StatusCallback`
/// we give Twilio is exactly the URL the gateway verifies.
public enum PublicBaseURL {
    /// `text` as an absolute `http` or `https` URL with a host; nil otherwise.
    public static func parse(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    /// `base` without trailing slashes, followed by `pathAndQuery` (which starts with `/`).
    public static func join(_ base: URL, _ pathAndQuery: String) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text + pathAndQuery
    }
}
