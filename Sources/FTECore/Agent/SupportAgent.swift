import Foundation
import Logging

/// Decides the reply to one message: SPEC.md's escalation triggers first (in code, before any
/// model: the rules and, when configured, the learned scorer over them — ``EscalationCheck``), then the model with its tools, and the built-in responder when no model is
/// configured, its circuit breaker is open, or it fails.
public struct SupportAgent: Sendable {
    /// The check before the model (rules, and the learned scorer when it takes part); read by tests.
    let escalation: EscalationCheck
    private let modelAgent: ModelAgent?
    private let breaker: CircuitBreaker
    private let builtin: BuiltinResponder
    private let notice: EscalationNotice
    private let timeLimit: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - model: the chat model, `nil` when none is configured (the built-in responder answers).
    ///   - escalation: the check before the model (the rules alone unless given a scorer).
    ///   - timeLimit: the longest the model may take for one message.
    public init(
        model: (any ChatModel)?, modelName: String, search: KnowledgeSearch, tickets: any TicketClassifier,
        escalation: EscalationCheck = EscalationCheck(), checks: ReplyChecks, notice: EscalationNotice,
        companyName: String, builtinMinimumSimilarity: Double = BuiltinResponder.defaultMinimumSimilarity,
        timeLimit: Duration = .seconds(60), breaker: CircuitBreaker = CircuitBreaker(name: "llm"), logger: Logger
    ) {
        self.timeLimit = timeLimit
        self.escalation = escalation
        modelAgent = model.map {
            ModelAgent(model: $0, modelName: modelName, search: search, tickets: tickets, checks: checks, notice: notice, companyName: companyName)
        }
        self.breaker = breaker
        builtin = BuiltinResponder(search: search, notice: notice, minimumSimilarity: builtinMinimumSimilarity)
        self.notice = notice
        self.logger = logger
    }

    /// The outcome for `request`; never throws: every failure ends in an answer or an escalation.
    public func respond(to request: AgentRequest) async -> AgentOutcome {
        let event = request.event
        let sentiment = request.sentiment.inContext(recentContacts: request.recentContacts)
        let check = await escalation.check(
            event.content, channel: event.channel, sentiment: sentiment, recentContacts: request.recentContacts)
        if let reason = check.reasons.first {
            let byRule = check.ruleReasons.contains(reason)
            let signals = reason == .negativeSentiment && !sentiment.signals.isEmpty
                ? " Signals: \(sentiment.signals.map(\.description).joined(separator: ", "))." : ""
            let scored = check.probabilities[reason].map {
                " Scorer \(String(format: "%.2f", $0))\(byRule ? "" : " (the word rules alone did not escalate)")."
            } ?? ""
            return AgentOutcome(
                body: notice.text(for: reason),
                escalation: .init(
                    reason: reason, summary: "\(reason.description)\(signals)\(scored) Customer wrote: \(event.content.prefix(300))"),
                author: .builtin,
                toolCalls: [ToolCallTrace(
                    name: "escalate_to_human", arguments: #"{"reason": "\#(reason.rawValue)"}"#,
                    result: byRule ? "escalated by rule before the model" : "escalated by the scorer before the model")])
        }
        if ClosingMessage.isClosing(event.content, customerName: request.inbound.customerName) {
            return AgentOutcome(
                body: ClosingMessage.acknowledgement, author: .builtin,
                toolCalls: [ToolCallTrace(name: "send_response", arguments: "(acknowledgement)", result: "the customer only thanked or said goodbye")])
        }
        guard let modelAgent else {
            return await builtin.respond(to: request, unavailableReason: .noRelevantKnowledge)
        }
        guard breaker.allowsCall() else {
            return await builtin.respond(to: request, unavailableReason: .agentUnavailable)
        }
        let waited = ModelWaitClock()
        do {
            var outcome = try await withTimeLimit(timeLimit) { try await modelAgent.respond(to: request, waited: waited) }
            breaker.recordSuccess()
            outcome.modelTime = waited.elapsed
            outcome.modelCalls = waited.calls
            return outcome
        } catch {
            breaker.recordFailure()
            logger.warning("the model failed; the built-in responder answers", metadata: ["error": "\(error)"])
            var outcome = await builtin.respond(to: request, unavailableReason: .agentUnavailable)
            outcome.modelTime = waited.elapsed
            outcome.modelCalls = waited.calls
            return outcome
        }
    }
}
