import Logging

/// Everything `/webhooks/gmail` needs: who may push, which mailbox is ours, how to sync it, and
/// the service that keeps the Gmail watch alive.
public struct GmailPushIntake: Sendable {
    public var authenticator: PubSubPushAuthenticator
    /// The support mailbox (normalised); notifications for any other are acknowledged and ignored.
    public var mailbox: String
    public var sync: GmailMailboxSync
    /// Renews `users.watch` (when `FTE_GMAIL_WATCH_TOPIC` is set).
    public var watchRenewal: GmailWatchRenewal?

    public init(
        authenticator: PubSubPushAuthenticator, mailbox: String, sync: GmailMailboxSync,
        watchRenewal: GmailWatchRenewal? = nil
    ) {
        self.authenticator = authenticator
        self.mailbox = ContactAddress.normalizedEmail(mailbox) ?? mailbox.lowercased()
        self.sync = sync
        self.watchRenewal = watchRenewal
    }

    /// The intake configured by `FTE_GMAIL_*`, `FTE_PUBSUB_*` and `FTE_GOOGLE_*`, or `nil` when
    /// `FTE_GMAIL_ADDRESS` is not set (Gmail is off).
    /// - Throws: ``ConfigError`` naming what is missing or malformed.
    public static func fromEnvironment(
        _ environment: [String: String], database: Database, httpClient: HTTPClient, logger: Logger
    ) throws -> GmailPushIntake? {
        guard let (mailbox, api) = try GmailAPIClient.fromEnvironment(environment, httpClient: httpClient) else { return nil }
        let resyncLimit = try ConfigKey.gmailResyncLimit.integer(environment: environment, default: 50, in: 1...500)
        let fetchConcurrency = try ConfigKey.gmailFetchConcurrency.integer(environment: environment, default: 8, in: 1...64)
        let sync = GmailMailboxSync(
            database: database, api: api, resyncLimit: resyncLimit, fetchConcurrency: fetchConcurrency, logger: logger)
        let renewal = ConfigKey.gmailWatchTopic.resolve(flag: nil, environment: environment).map {
            GmailWatchRenewal(mailbox: mailbox, topicName: $0, api: api, database: database, logger: logger)
        }
        return GmailPushIntake(
            authenticator: try authenticator(environment, httpClient: httpClient), mailbox: mailbox, sync: sync,
            watchRenewal: renewal)
    }

    private static func authenticator(
        _ environment: [String: String], httpClient: HTTPClient
    ) throws -> PubSubPushAuthenticator {
        if let audience = ConfigKey.pubSubAudience.resolve(flag: nil, environment: environment) {
            let keys = RemoteJSONWebKeySource(
                url: ConfigKey.googleCertsURL.resolve(flag: nil, environment: environment) ?? RemoteJSONWebKeySource.googleCertsURL,
                httpClient: httpClient)
            let configuration = OIDCTokenVerifier.Configuration(
                audience: audience,
                serviceAccountEmail: ConfigKey.pubSubServiceAccount.resolve(flag: nil, environment: environment))
            return .oidc(OIDCTokenVerifier(configuration: configuration, keySource: keys))
        }
        if let token = ConfigKey.pubSubToken.resolve(flag: nil, environment: environment).flatMap(SharedPushToken.init) {
            return .sharedToken(token)
        }
        throw ConfigError(
            "Gmail push needs \(ConfigKey.pubSubAudience.name) (OIDC, recommended) or \(ConfigKey.pubSubToken.name)")
    }
}
