import Foundation
import Logging

/// Processes one queued event as SPEC.md's flow says: store the message (customer,
/// conversation, ticket), score its sentiment, load the history, run the agent, shape the reply
/// for the channel, and store it with its outbox entry — exactly once per inbound message.
///
/// Safe to run again for the same event at any point: a redelivered message finds what the
/// first delivery stored, and a second reply is refused by the database.
public struct EventProcessor: Sendable {
    private let intake: ConversationIntake
    private let database: Database
    private let replies: ReplyRecorder
    private let sentiment: SentimentAssessor
    private let agent: SupportAgent
    private let shaper: ReplyShaper
    /// Assigns the questions the agent escalated or answered without a passage to their topic.
    private let questionTopics: QuestionTopics?
    private let logger: Logger
    private let metrics = WorkerMetrics()

    /// - Parameters:
    ///   - replies: stores the replies (and queues those that need sending).
    ///   - questionTopics: where questions the knowledge base may not answer are grouped
    ///     (their vectors stored), for `fte report` and `fte kb candidates`; `nil` leaves that to them.
    public init(
        database: Database, replies: ReplyRecorder, sentiment: SentimentAssessor, agent: SupportAgent, shaper: ReplyShaper,
        questionTopics: QuestionTopics? = nil, logger: Logger
    ) {
        intake = ConversationIntake(database: database)
        self.database = database
        self.replies = replies
        self.sentiment = sentiment
        self.agent = agent
        self.shaper = shaper
        self.questionTopics = questionTopics
        self.logger = logger
    }

    /// Processes a queue message value.
    /// - Throws: ``WorkerError`` `invalidEvent` for a value that can never be processed (not
    ///   an event, or one the CRM cannot store: ``IntakeError``); database errors (the event is
    ///   retried).
    public func process(_ payload: [UInt8]) async throws {
        let event: IncomingEvent
        do {
            event = try IncomingEvent.decode(payload)
        } catch {
            metrics.messageFailed(channel: nil)
            throw WorkerError.invalidEvent("not a normalised event: \(error)")
        }
        try await process(event)
    }

    /// Processes one event.
    public func process(_ event: IncomingEvent) async throws {
        do {
            try await answer(event)
        } catch {
            metrics.messageFailed(channel: event.channel)
            throw error
        }
    }

    private func answer(_ event: IncomingEvent) async throws {
        let started = ContinuousClock.now
        let assessment = sentiment.assess(event.content)
        let inbound: InboundRecord
        do {
            inbound = try await intake.record(event, sentiment: assessment.score)
        } catch let error as IntakeError {
            throw WorkerError.invalidEvent(error.message)
        }
        guard !inbound.alreadyAnswered else {
            logger.info("redelivered message already answered; nothing to do", metadata: ["ticket_id": "\(inbound.ticketID.lowercasedString)"])
            return
        }
        let history: [HistoryMessage]
        if let read = inbound.history {
            history = read
        } else {
            history = try await intake.history(before: inbound, channel: event.channel)
        }
        let outcome = await agent.respond(to: AgentRequest(event: event, inbound: inbound, history: history, sentiment: assessment))
        if let modelSentiment = outcome.modelSentiment {
            try await ModelSentimentRecord.store(modelSentiment, for: inbound.messageID, in: database)
        }
        // The name this message gave, never the CRM's: a claim may have linked the message to
        // somebody else's customer record (docs/worker.md, "Trust model").
        let name = event.customer.name.flatMap(DisplayText.cleaned)
        let shaped = shaper.shape(outcome.body, for: ShapingContext(
            channel: event.channel, customerName: name,
            ticketReference: inbound.ticketID.lowercasedString,
            earlierContact: inbound.senderProven ? Self.earlierContact(in: history, channel: event.channel) : nil))
        let reply = ReplyRecord(
            content: shaped.messages.joined(separator: "\n\n"), author: outcome.author, model: outcome.model,
            tokens: outcome.tokens, latency: ContinuousClock.now - started, modelLatency: outcome.modelTime,
            modelCalls: outcome.modelCalls,
            toolCalls: Self.json(outcome.toolCalls),
            sources: Self.json(outcome.sources.map { SourceTrace(source: $0.source, headingPath: $0.headingPath, chunkID: $0.chunkID) }),
            escalation: outcome.escalation)
        let recipient = InboundMessageMetadata(event: event).recipient(on: event.channel) ?? ""
        let stored = try await replies.record(
            reply, to: inbound, channel: event.channel, recipient: recipient,
            payload: .reply(to: event, parts: shaped.messages, ticketID: inbound.ticketID, customerName: name))
        metrics.messageHandled(channel: event.channel, outcome: outcome, processingTime: ContinuousClock.now - started)
        if outcome.escalation != nil || outcome.sources.isEmpty {
            await groupQuestion(event, inbound: inbound)
        }
        logger.info("message answered", metadata: [
            "channel": "\(event.channel.rawValue)", "ticket_id": "\(inbound.ticketID.lowercasedString)", "answered_by": "\(outcome.author.rawValue)",
            "escalation": "\(outcome.escalation?.reason.rawValue ?? "none")", "stored": "\(stored)",
            "latency_ms": "\((ContinuousClock.now - started).wholeMilliseconds)",
            "model_ms": "\(outcome.modelTime?.wholeMilliseconds ?? 0)",
        ])
    }

    /// Stores the question's vector and its topic now, so reports need not embed and group it.
    /// Best effort: the reply is stored already, and a report assigns what is missing.
    private func groupQuestion(_ event: IncomingEvent, inbound: InboundRecord) async {
        guard let questionTopics else { return }
        let text = Question.text(
            content: event.content, subject: event.subject, knownNames: inbound.customerName.map { [$0] } ?? [])
        guard !text.isEmpty else { return }
        do {
            try await questionTopics.record(Question(
                messageID: inbound.messageID, ticketID: inbound.ticketID, channel: event.channel, text: text,
                askedAt: event.receivedAt))
        } catch {
            logger.warning("the question's topic was not recorded (a report will assign it)", metadata: [
                "ticket_id": "\(inbound.ticketID.lowercasedString)", "error": "\(error)",
            ])
        }
    }

    /// The most recent customer message on another channel, for "I see you wrote to us by …".
    static func earlierContact(in history: [HistoryMessage], channel: Channel) -> EarlierContact? {
        guard let earlier = history.last(where: { $0.role == "customer" && $0.channel != channel }) else { return nil }
        return EarlierContact(channel: earlier.channel, topic: earlier.subject)
    }

    private static func json(_ value: some Encodable & Sendable) -> String {
        PostgresJSON(value).postgresText
    }
}
