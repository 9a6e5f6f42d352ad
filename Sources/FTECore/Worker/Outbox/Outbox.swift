import Foundation

/// Replies on their way to the customer: how an outbound message is stored (its first delivery
/// status) and the step that queues it in the `outbox` table for the ``OutboxDispatcher``.
///
/// A reply on a channel whose sender has nothing to send (``ReplySender/deliversOnStore``: the
/// web form without Gmail, whose replies the status page reads from the database) is
/// `delivered` once stored and gets no outbox entry; every other reply is `pending` and queued.
///
/// ```swift
/// let outbox = Outbox(senders: senders)
/// let statement: SQLQuery = """
///     WITH reply AS (INSERT INTO messages … \(outbox.initialStatus(on: .whatsapp)) … RETURNING id)\(
///         fragment: outbox.queueing(from: "reply", channel: .whatsapp, recipient: number, payload: payload))
///     SELECT id FROM reply
///     """
/// ```
public struct Outbox: Sendable {
    /// Channels whose replies are delivered by being stored.
    public let deliveredOnStore: Set<Channel>

    /// An outbox for these senders: the channels whose sender ``ReplySender/deliversOnStore``
    /// get no entries.
    public init(senders: [Channel: any ReplySender]) {
        deliveredOnStore = Set(senders.filter(\.value.deliversOnStore).keys)
    }

    /// An outbox that queues every reply: for writers that do not know the worker's senders
    /// (`fte ticket reply`); the dispatcher settles what has nothing to send at once.
    public static let queueingEverything = Outbox(deliveredOnStore: [])

    private init(deliveredOnStore: Set<Channel>) {
        self.deliveredOnStore = deliveredOnStore
    }

    /// The delivery status a reply on `channel` is stored with.
    func initialStatus(on channel: Channel) -> String {
        deliveredOnStore.contains(channel) ? "delivered" : "pending"
    }

    /// The statement step (`, queued AS (…)`) that queues the message the step `source` inserted
    /// (its `id`) for delivery to `recipient`, or nothing on a channel whose replies are
    /// delivered once stored. The insert wakes the dispatchers (`NOTIFY fte_outbox`).
    func queueing(from source: SQLQuery, channel: Channel, recipient: String, payload: OutboxPayload) -> SQLQuery {
        guard !deliveredOnStore.contains(channel) else { return "" }
        return """
            , queued AS (
                INSERT INTO outbox (message_id, channel, recipient, payload)
                SELECT id, \(channel.rawValue), \(recipient), \(PostgresJSON(payload)) FROM \(fragment: source)
            )
            """
    }
}
