import Foundation
import Logging
import Synchronization

/// Sends the replies waiting in the outbox through each channel's ``ReplySender``.
///
/// Due rows are leased with `FOR UPDATE SKIP LOCKED` (several workers share the outbox); a
/// failed delivery is retried with jittered backoff (or the provider's Retry-After) behind a
/// circuit breaker per channel; a reply that cannot be delivered is marked failed and its
/// ticket escalated (`delivery_failed`). New rows wake the dispatcher (`LISTEN fte_outbox`).
///
/// Delivery is exactly once at the provider: the first attempt records when it began
/// (`first_attempt_at`), and every later attempt — after a failure, or for a row whose sender
/// stopped mid-send (found still `sending` when its lease ran out) — passes that time to the
/// sender, which asks the provider what it already has before sending (``ReplySender``). A
/// provider that cannot be asked leaves the row pending for a retry: nothing is sent blindly.
public final class OutboxDispatcher: Sendable {
    /// How hard the dispatcher tries.
    public struct Settings: Sendable {
        /// Delivery attempts before a reply is marked failed.
        public var maxAttempts = 8
        public var backoff = Backoff(initial: .seconds(1), maximum: .seconds(30))
        /// How long a leased row is reserved for one attempt.
        public var lease: Duration = .seconds(60)
        /// Replies sent at once.
        public var concurrency = 32
        /// A provider that failed 5 times in a row is left alone this long, then tried once: a
        /// short pause, so replies go out within seconds of the provider's recovery.
        public var breaker = CircuitBreaker.Configuration(failureThreshold: 5, openDuration: .seconds(5))
        public init() {}
    }

    private let database: Database
    private let senders: [Channel: any ReplySender]
    private let breakers: [Channel: CircuitBreaker]
    private let settings: Settings
    private let logger: Logger
    private let wakeup = WakeupSignal()
    private let stopping = Mutex(false)
    private let metrics = WorkerMetrics()
    /// Beats each time the dispatch loop goes round (at least every second or so while it runs).
    public let heartbeat = Heartbeat()

    public init(database: Database, senders: [Channel: any ReplySender], settings: Settings = Settings(), logger: Logger) {
        self.database = database
        self.senders = senders
        self.settings = settings
        self.logger = logger
        breakers = Dictionary(uniqueKeysWithValues: senders.keys.map {
            ($0, CircuitBreaker(name: $0.rawValue, configuration: settings.breaker))
        })
    }

    /// Sends due replies until ``stop()``, then sends what is due once more and returns.
    public func run() async {
        let wakeup = wakeup
        let listener = DatabaseNotificationListener(
            configuration: database.configuration, channels: ["fte_outbox"], logger: logger) { wakeup.signal() }
        while !stopping.withLock({ $0 }) {
            heartbeat.beat()
            do {
                let sent = try await dispatchDue()
                if sent == 0 { await wakeup.wait(upTo: .seconds(1)) }
            } catch {
                logger.error("outbox dispatch failed; retrying", metadata: ["error": "\(error)"])
                await wakeup.wait(upTo: .seconds(1))
            }
        }
        // Replies stored before the stop still go out.
        _ = try? await dispatchDue()
        await listener.stop()
    }

    /// Stops after the current round of deliveries and a last one for what is due by then.
    public func stop() {
        stopping.withLock { $0 = true }
        wakeup.signal()
    }

    /// Each provider's circuit breaker state now.
    public var circuitStates: [Channel: CircuitBreaker.State] {
        breakers.mapValues(\.state)
    }

    /// Replies waiting to be sent (pending or being sent), by channel.
    public func pendingByChannel() async throws -> [Channel: Int] {
        let rows = try await database.query(
            "SELECT channel, count(*) AS pending FROM outbox WHERE status IN ('pending', 'sending') GROUP BY channel")
        return try Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            try Channel(rawValue: row.decode("channel", as: String.self)).map { ($0, try row.decode("pending", as: Int.self)) }
        })
    }

    /// Leases the due rows and delivers them; returns how many were handled.
    @discardableResult
    public func dispatchDue() async throws -> Int {
        let leased = try await database.query(
            OutboxEntry.self,
            """
            UPDATE outbox o SET attempts = o.attempts + 1,
                   next_attempt_at = now() + \(settings.lease.wholeMilliseconds) * interval '1 millisecond'
            FROM (SELECT id, status FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                  ORDER BY next_attempt_at, id LIMIT \(settings.concurrency) FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING o.id, o.message_id, o.channel, o.recipient, o.payload::text AS payload, o.attempts,
                      o.first_attempt_at, due.status AS previous_status
            """)
        await withDiscardingTaskGroup { group in
            for entry in leased { group.addTask { await self.deliver(entry) } }
        }
        return leased.count
    }

    private func deliver(_ entry: OutboxEntry) async {
        guard let sender = senders[entry.channel], let breaker = breakers[entry.channel] else {
            await settle(entry, .failure(.notConfigured(reason: "no sender for \(entry.channel.rawValue) is configured")))
            return
        }
        guard breaker.allowsCall() else {
            await settle(entry, .postponed(breaker.configuration.openDuration))
            return
        }
        do {
            // `sending` marks a send in flight: found again after the lease, its outcome is unknown.
            // From the first attempt on, the provider may have the reply: later ones reconcile.
            try await database.execute(
                """
                UPDATE outbox SET status = 'sending', first_attempt_at = coalesce(first_attempt_at, now())
                WHERE id = \(entry.id)
                """)
        } catch {
            await settle(entry, .postponed(.seconds(1)))
            return
        }
        if entry.wasInterrupted {
            logger.notice("an earlier attempt to send this reply was cut off; asking the provider what it has", metadata: [
                "channel": "\(entry.channel.rawValue)", "outbox_id": "\(entry.id)",
            ])
        }
        do {
            let receipt = try await sender.deliver(entry.reply)
            breaker.recordSuccess()
            if receipt.reconciled > 0 {
                logger.notice("the provider already had this reply; not sent again", metadata: [
                    "channel": "\(entry.channel.rawValue)", "outbox_id": "\(entry.id)", "found": "\(receipt.reconciled)",
                    "sent": "\(receipt.providerIDs.count - receipt.reconciled)",
                ])
            }
            await settle(entry, .delivered(receipt.providerIDs, status: sender.statusAfterSending))
        } catch let error as ChannelDeliveryError {
            if error.isRetryable { breaker.recordFailure() }
            await settle(entry, .failure(error))
        } catch {
            breaker.recordFailure()
            await settle(entry, .failure(.retryable(reason: String(describing: error), retryAfter: nil)))
        }
    }

    private enum Outcome {
        case delivered([String], status: String)
        case postponed(Duration)
        case failure(ChannelDeliveryError)
    }

    private func settle(_ entry: OutboxEntry, _ outcome: Outcome) async {
        do {
            switch outcome {
            case .delivered(let ids, let status):
                try await markDelivered(entry, providerIDs: ids, status: status)
                metrics.delivery(.delivered, channel: entry.channel)
            case .postponed(let delay):
                try await reschedule(entry, after: delay, error: "circuit open", countingAttempt: false)
            case .failure(let error) where error.isRetryable && entry.attempts < settings.maxAttempts:
                let hint: Duration? = if case .retryable(_, let retryAfter) = error { retryAfter } else { nil }
                let delay = settings.backoff.delay(beforeRetry: entry.attempts, hint: hint, maximumHint: .seconds(300))
                logger.warning("reply delivery failed; will retry", metadata: [
                    "channel": "\(entry.channel.rawValue)", "attempt": "\(entry.attempts)", "error": "\(error)",
                ])
                try await reschedule(entry, after: delay, error: error.description, countingAttempt: true)
                metrics.delivery(.retried, channel: entry.channel)
            case .failure(let error):
                logger.error("reply could not be delivered; escalating", metadata: [
                    "channel": "\(entry.channel.rawValue)", "attempt": "\(entry.attempts)", "error": "\(error)",
                ])
                try await markFailed(entry, error: error.description)
                metrics.delivery(.failed, channel: entry.channel)
            }
        } catch {
            logger.error("could not record a delivery outcome; the reply will be tried again", metadata: ["error": "\(error)"])
        }
    }

    /// Marks the entry sent and its message `status` (the sender's), then applies a status
    /// report that arrived before the message's id was recorded, in one transaction.
    private func markDelivered(_ entry: OutboxEntry, providerIDs: [String], status: String) async throws {
        try await database.withTransaction { connection in
            try await connection.execute(
                """
                WITH sent AS (
                    UPDATE outbox SET status = 'sent', sent_at = now(), provider_message_ids = \(providerIDs), last_error = NULL
                    WHERE id = \(entry.id)
                )
                UPDATE messages SET delivery_status = \(status), channel_message_id = \(providerIDs.first)
                WHERE id = \(entry.messageID) AND delivery_status IN ('pending', 'sending')
                """)
            if entry.channel == .whatsapp, let first = providerIDs.first {
                try await DeliveryStatusStore.applyKeptReport(
                    providerMessageID: first, message: entry.messageID, connection: connection)
            }
        }
    }

    private func reschedule(_ entry: OutboxEntry, after delay: Duration, error: String, countingAttempt: Bool) async throws {
        try await database.execute(
            """
            UPDATE outbox SET status = 'pending', last_error = \(error),
                   attempts = attempts - \(countingAttempt ? 0 : 1),
                   next_attempt_at = now() + \(delay.wholeMilliseconds) * interval '1 millisecond'
            WHERE id = \(entry.id)
            """)
    }

    /// Marks the entry and its message failed and escalates the reply's ticket, in one statement.
    private func markFailed(_ entry: OutboxEntry, error: String) async throws {
        let escalation = TicketLifecycle.Escalation(
            reason: EscalationReason.deliveryFailed.rawValue,
            summary: "The reply could not be delivered by \(entry.channel.rawValue): \(error)",
            context: ["outbox_id": String(entry.id)], actor: "outbox", note: EscalationReason.deliveryFailed.rawValue,
            escalatesConversation: false)
        try await database.execute(
            """
            WITH failed AS (
                UPDATE outbox SET status = 'failed', last_error = \(error) WHERE id = \(entry.id) RETURNING id
            ), failed_message AS (
                UPDATE messages SET delivery_status = 'failed' WHERE id = \(entry.messageID)
            )\(fragment: TicketLifecycle.escalating(.ticket(ofMessage: entry.messageID), escalation, guardedBy: "failed"))
            SELECT id FROM failed
            """)
    }
}

/// One leased outbox row.
struct OutboxEntry: Sendable, DatabaseRowDecodable {
    var id: Int64
    var messageID: UUID
    var channel: Channel
    var recipient: String
    var payload: OutboxPayload
    var attempts: Int
    /// When the first attempt began; set when an earlier attempt may have reached the provider.
    var firstAttemptAt: Date?
    /// The row was still `sending` when leased: an earlier attempt's outcome is unknown.
    var wasInterrupted: Bool

    /// The reply as its sender receives it.
    var reply: OutboundReply {
        OutboundReply(messageID: messageID, recipient: recipient, payload: payload, earlierAttemptSince: firstAttemptAt)
    }

    init(row: DatabaseRow) throws {
        id = try row.decode("id")
        messageID = try row.decode("message_id")
        let channelName: String = try row.decode("channel")
        guard let channel = Channel(rawValue: channelName) else {
            throw DatabaseError(.decodingFailed, "unknown channel \(channelName) in the outbox")
        }
        self.channel = channel
        recipient = try row.decode("recipient")
        guard let payload = try row.decodeJSON("payload", as: OutboxPayload.self) else {
            throw DatabaseError(.decodingFailed, "outbox row \(id) has no payload")
        }
        self.payload = payload
        attempts = try row.decode("attempts")
        firstAttemptAt = try row.decode("first_attempt_at", as: Date?.self)
        wasInterrupted = try row.decode("previous_status", as: String.self) == "sending"
    }
}
