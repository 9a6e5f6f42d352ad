import Foundation

/// Runs scenarios through the agent exactly as `fte work` answers a message — the triggers,
/// the model or the built-in responder, the reply checks, the channel shaping — without
/// touching the CRM: the conversation and its history live in memory, and `create_ticket`
/// changes nothing.
public struct ScenarioRunner: Sendable {
    private let agent: SupportAgent
    private let assessor: SentimentAssessor
    private let shaper: ReplyShaper
    private let competitors: [String]
    /// Scenarios run at once (a model answers several conversations in parallel).
    public var concurrency: Int

    /// - Parameter competitors: names replies must never mention (`FTE_COMPETITORS`).
    public init(agent: SupportAgent, assessor: SentimentAssessor, shaper: ReplyShaper, competitors: [String], concurrency: Int = 4) {
        self.agent = agent
        self.assessor = assessor
        self.shaper = shaper
        self.competitors = competitors
        self.concurrency = max(1, concurrency)
    }

    /// Runs every scenario `trials` times and scores them.
    /// - Parameters:
    ///   - responder: who answered, for the report.
    ///   - progress: called with the number of trials finished and the total.
    public func evaluate(
        _ scenarios: [Scenario], trials: Int, responder: String, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async -> EvaluationReport {
        let trials = max(1, trials)
        let total = scenarios.count * trials
        var outcomes = Array(repeating: [TrialOutcome](), count: scenarios.count)
        await withTaskGroup(of: (Int, TrialOutcome).self) { group in
            var next = 0
            var done = 0
            func startNext() {
                guard next < total else { return }
                let (scenario, trial) = (next / trials, next % trials + 1)
                next += 1
                group.addTask { (scenario, await self.run(scenarios[scenario], trial: trial)) }
            }
            for _ in 0..<min(concurrency, total) { startNext() }
            for await (index, outcome) in group {
                outcomes[index].append(outcome)
                done += 1
                progress(done, total)
                startNext()
            }
        }
        return EvaluationReport(
            responder: responder, trials: trials,
            results: zip(scenarios, outcomes).map { EvaluationReport.ScenarioResult(scenario: $0, outcomes: $1.sorted { $0.trial < $1.trial }) })
    }

    /// One trial of `scenario`: each turn answered in order, the earlier ones as history.
    public func run(_ scenario: Scenario, trial: Int = 1) async -> TrialOutcome {
        let customer = IncomingEvent.Customer(
            email: scenario.customer.email ?? (scenario.channel == .whatsapp ? nil : "customer@example.invalid"),
            phone: scenario.customer.phone ?? (scenario.channel == .whatsapp ? "+15550100000" : nil),
            name: scenario.customer.name)
        let (customerID, conversationID, ticketID) = (UUID.random(), UUID.random(), UUID.random())
        var history: [HistoryMessage] = []
        var failures: [String] = []
        var turns: [TrialOutcome.Turn] = []
        let start = Date().addingTimeInterval(-Double(scenario.turns.count) * 120)
        for (index, turn) in scenario.turns.enumerated() {
            let event = IncomingEvent(
                channel: scenario.channel, channelMessageID: "eval-\(UUID.random().lowercasedString)", customer: customer,
                subject: turn.subject ?? (scenario.channel == .email ? "Support request" : nil), content: turn.message)
            // The sender as the channel would prove it (a web form's address stays a claim).
            let sender = MessageSender(of: event) ?? MessageSender(address: customer.email ?? customer.phone ?? "", proof: nil)
            let inbound = InboundRecord(
                customerID: customerID, customerName: scenario.customer.name, sender: sender, conversationID: conversationID,
                messageID: .random(), ticketID: ticketID, switchedFrom: nil, alreadyAnswered: false, history: history)
            let outcome = await agent.respond(to: AgentRequest(
                event: event, inbound: inbound, history: history, sentiment: assessor.assess(turn.message)))
            let shaped = shaper.shape(outcome.body, for: ShapingContext(
                channel: scenario.channel, customerName: scenario.customer.name, ticketReference: ticketID.lowercasedString))
            let reply = ScenarioReply(
                channel: scenario.channel, messages: shaped.messages, escalation: outcome.escalation?.reason,
                sources: Array(Set(outcome.sources.map(\.source))).sorted(), author: outcome.author)
            failures += reply.failures(against: turn.expect, limits: shaper.limits, competitors: competitors)
                .map { scenario.turns.count > 1 ? "turn \(index + 1): \($0)" : $0 }
            turns.append(.init(
                author: outcome.author.rawValue, escalation: outcome.escalation?.reason, sources: reply.sources, reply: reply.text))
            let at = start.addingTimeInterval(Double(index) * 120)
            history.append(HistoryMessage(channel: scenario.channel, role: "customer", content: turn.message, subject: event.subject, createdAt: at))
            history.append(HistoryMessage(channel: scenario.channel, role: "agent", content: reply.text, subject: event.subject, createdAt: at + 60))
        }
        return TrialOutcome(trial: trial, failures: failures, turns: turns)
    }
}

/// One run of one scenario.
public struct TrialOutcome: Sendable, Encodable {
    /// What the agent did with one turn.
    public struct Turn: Sendable, Encodable {
        public var author: String
        public var escalation: EscalationReason?
        public var sources: [String]
        public var reply: String
    }

    /// Its number, from 1.
    public var trial: Int
    /// Every failed expectation, named ("turn 2: escalate: …"); empty when the trial passed.
    public var failures: [String]
    public var turns: [Turn]

    public var passed: Bool { failures.isEmpty }
}

extension HistoryMessage {
    /// A message of a conversation held in memory (evaluations).
    init(channel: Channel, role: String, content: String, subject: String?, createdAt: Date) {
        self.channel = channel
        self.role = role
        self.content = content
        self.subject = subject
        self.createdAt = createdAt
    }
}

/// `create_ticket` during an evaluation: nothing is stored, so an evaluation against the
/// production database never changes a ticket.
public struct UnrecordedTickets: TicketClassifier {
    public init() {}
    public func classify(_ id: UUID, category: TicketCategory?, priority: TicketPriority?) async throws {}
}
