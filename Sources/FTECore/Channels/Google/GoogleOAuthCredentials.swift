import Foundation

/// What the OAuth refresh-token flow needs: the client (project) and the mailbox's refresh token.
///
/// ``description`` names the client id only; the secret and the refresh token never print.
public struct GoogleOAuthCredentials: Sendable, CustomStringConvertible {
    /// The OAuth client id.
    public var clientID: String
    /// The OAuth client secret.
    public var clientSecret: String
    /// The offline refresh token.
    public var refreshToken: String

    /// Credentials with the given parts.
    public init(clientID: String, clientSecret: String, refreshToken: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
    }

    /// Reads `FTE_GMAIL_CLIENT_ID`, `FTE_GMAIL_CLIENT_SECRET` and `FTE_GMAIL_REFRESH_TOKEN`.
    /// - Throws: ``GoogleOAuthError`` `missingSetting` naming the first variable that is unset.
    public init(environment: [String: String]) throws(GoogleOAuthError) {
        func value(_ key: ConfigKey) throws(GoogleOAuthError) -> String {
            guard let value = key.resolve(flag: nil, environment: environment) else {
                throw GoogleOAuthError(.missingSetting(key.name))
            }
            return value
        }
        self.init(
            clientID: try value(.gmailClientID), clientSecret: try value(.gmailClientSecret),
            refreshToken: try value(.gmailRefreshToken))
    }

    /// Replaces the secret and the refresh token wherever they occur in `text`.
    func redacting(_ text: String) -> String {
        [clientSecret, refreshToken].filter { !$0.isEmpty }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: "<redacted>")
        }
    }

    public var description: String { "GoogleOAuthCredentials(clientID: \(clientID))" }
}
