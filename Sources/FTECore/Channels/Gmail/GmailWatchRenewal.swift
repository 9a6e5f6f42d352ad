import Foundation
import Logging
import ServiceLifecycle

/// Keeps Gmail publishing the mailbox's changes: calls `users.watch` at start and again before
/// the watch expires, and records the expiration in `gmail_sync`.
///
/// Renews every ``Schedule/interval`` (Google recommends daily), or earlier when the expiration
/// is closer than ``Schedule/margin``. A failed renewal is logged and retried with exponential
/// backoff. Stops on graceful shutdown.
public struct GmailWatchRenewal: Service {
    /// When to renew and how to back off.
    public struct Schedule: Sendable {
        /// Time between renewals. Default 24 h.
        public var interval: Duration
        /// Renew at the latest this long before the watch expires. Default 1 h.
        public var margin: Duration
        /// First wait after a failure; doubled for each further failure. Default 5 s.
        public var initialBackoff: Duration
        /// Longest wait after a failure. Default 10 min.
        public var maxBackoff: Duration

        /// A schedule with the defaults above, changed where given.
        public init(interval: Duration = .seconds(86_400), margin: Duration = .seconds(3_600),
                    initialBackoff: Duration = .seconds(5), maxBackoff: Duration = .seconds(600)) {
            self.interval = interval
            self.margin = margin
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
        }
    }

    private let mailbox: String
    private let topicName: String
    private let api: GmailAPIClient
    private let database: Database
    private let schedule: Schedule
    private let logger: Logger

    /// A renewal of the watch on `mailbox` (our address) publishing to `topicName`.
    public init(mailbox: String, topicName: String, api: GmailAPIClient, database: Database,
                schedule: Schedule = Schedule(), logger: Logger = Logger(label: "fte.gmail.watch")) {
        self.mailbox = ContactAddress.normalizedEmail(mailbox) ?? mailbox.lowercased()
        self.topicName = topicName
        self.api = api
        self.database = database
        self.schedule = schedule
        self.logger = logger
    }

    /// Calls `users.watch` once and records the new expiration (and, for a mailbox never synced,
    /// the history id as its checkpoint).
    @discardableResult
    public func renew() async throws -> GmailWatch {
        let watch = try await api.watch(topicName: topicName, labelIDs: ["INBOX"])
        try await GmailSyncCheckpoint.recordWatch(mailbox, watch, on: database)
        logger.info("gmail watch renewed", metadata: ["expires_at": "\(watch.expiration)"])
        return watch
    }

    /// Renews until graceful shutdown or cancellation.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var backoff = schedule.initialBackoff
            while !Task.isCancelled {
                let wait: Duration
                do {
                    let watch = try await renew()
                    wait = delay(until: watch.expiration)
                    backoff = schedule.initialBackoff
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("gmail watch renewal failed; retrying", metadata: [
                        "error": "\(error)", "retry_in": "\(backoff)",
                    ])
                    wait = backoff
                    backoff = min(backoff * 2, schedule.maxBackoff)
                }
                try await Task.sleep(for: wait)
            }
        }
    }

    /// How long to wait before renewing a watch that expires at `expiration`.
    func delay(until expiration: Date, now: Date = Date()) -> Duration {
        let untilMargin = Duration.seconds(expiration.timeIntervalSince(now)) - schedule.margin
        return max(min(schedule.interval, untilMargin), schedule.initialBackoff)
    }
}
