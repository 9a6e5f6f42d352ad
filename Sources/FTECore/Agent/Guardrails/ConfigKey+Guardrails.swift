import Foundation

extension ConfigKey {
    /// Competitors replies must never name.
    public static let competitors = ConfigKey(
        "FTE_COMPETITORS", "comma-separated competitor names replies must not mention, e.g. Chatwoot,Zendesk,Intercom,Freshdesk (default: none)")

    /// The comma-separated items of the value, trimmed, empty ones dropped; empty when unset.
    public func list(flag: String? = nil, environment: [String: String]) -> [String] {
        guard let text = resolve(flag: flag, environment: environment) else { return [] }
        return text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
