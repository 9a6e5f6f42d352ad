import Foundation

/// Runs the model over one message with the five tools: searches, the ticket, the history,
/// escalation, and exactly one `send_response`, within `maxTurns` model calls. The draft is
/// checked by ``ReplyChecks``; a failing draft is sent back once with the violations, a second
/// failure escalates (`policy_violation`).
struct ModelAgent: Sendable {
    var model: any ChatModel
    var modelName: String
    var search: KnowledgeSearch
    var tickets: any TicketClassifier
    var checks: ReplyChecks
    var notice: EscalationNotice
    var companyName: String
    var maxTurns = 6
    /// Passages below this cosine similarity do not count as relevant.
    var relevantSimilarity = 0.35

    /// The model's outcome.
    /// - Parameter waited: adds up the time spent waiting for the model.
    /// - Throws: ``LLMError`` when the model fails (the caller falls back to the built-in responder).
    func respond(to request: AgentRequest, waited: ModelWaitClock = ModelWaitClock()) async throws -> AgentOutcome {
        var run = Run(request: request)
        var messages: [ChatMessage] = [
            .system(AgentPrompt.system(companyName: companyName, channel: request.event.channel, eta: notice.eta)),
            .system("Ticket \(request.inbound.ticketID.lowercasedString) is open for this message.\n"
                + "Customer's earlier messages:\n\(AgentPrompt.history(request.history))"),
            .user(request.customerText),
        ]
        var regenerated = false
        for _ in 0..<maxTurns {
            let choice: ToolChoice = run.turns == maxTurns - 1 ? .function(AgentTools.sendResponse) : .auto
            let completion = try await waited.measure {
                try await model.complete(
                    ChatRequest(model: modelName, messages: messages, tools: AgentTools.definitions, toolChoice: choice))
            }
            run.turns += 1
            run.tokens += completion.usage.totalTokens
            messages.append(completion.message)
            var draft: String?
            var draftCallID: String?
            if completion.message.toolCalls.isEmpty {
                // A plain-text answer counts as the response.
                draft = completion.message.content?.trimmingWhitespace()
            }
            for call in completion.message.toolCalls {
                if call.name == AgentTools.sendResponse, draft == nil {
                    let arguments = try? call.argumentsObject()
                    draft = arguments?["message"]?.stringValue?.trimmingWhitespace()
                    draftCallID = call.id
                    if let score = Self.score(arguments?[AgentTools.customerSentiment]) {
                        run.modelSentiment = score
                    }
                    if draft?.isEmpty != false {
                        messages.append(.tool(callID: call.id, content: "error: message must be a non-empty string"))
                        draft = nil
                    }
                    continue
                }
                let result = await execute(call, run: &run)
                messages.append(.tool(callID: call.id, content: result))
            }
            guard let draft, !draft.isEmpty else { continue }
            if run.escalation == nil, run.searches >= 2, run.relevantSources.isEmpty {
                return run.outcome(escalating: .noRelevantKnowledge, notice: notice, model: modelName)
            }
            let isNotice = run.escalation != nil || (run.searches == 0 && isNotice(draft))
            let violations = checks.violations(
                in: draft, channel: request.event.channel,
                kind: isNotice ? .notice : .answer(sources: run.relevantSources.map(\.source)),
                performedActions: run.actions)
            if violations.isEmpty { return run.outcome(body: draft, model: modelName) }
            run.traces.append(ToolCallTrace(
                name: AgentTools.sendResponse, arguments: "(draft)", result: "rejected: \(violations.map(\.description).joined(separator: "; "))"))
            guard !regenerated else { return run.outcome(escalating: .policyViolation, notice: notice, model: modelName) }
            regenerated = true
            let feedback = "Your reply was not sent because it breaks the rules: "
                + violations.map(\.description).joined(separator: "; ") + ". Call send_response again with a corrected reply."
            if let draftCallID {
                messages.append(.tool(callID: draftCallID, content: feedback))
            } else {
                messages.append(.user(feedback))
            }
        }
        // No usable response within the turn budget.
        return run.outcome(escalating: run.escalation?.reason ?? .policyViolation, notice: notice, model: modelName)
    }

    /// A sentiment score as models send it: a number, or a number in a string; clamped to 0–1.
    static func score(_ value: JSONValue?) -> Double? {
        guard let number = value?.doubleValue ?? value?.stringValue.flatMap({ Double($0.trimmingWhitespace()) }),
              number.isFinite
        else { return nil }
        return min(max(number, 0), 1)
    }

    /// A reply with no facts in it: the model only acknowledges or hands over.
    private func isNotice(_ draft: String) -> Bool {
        draft.split(whereSeparator: \.isWhitespace).count < 40 && !draft.contains(where: \.isNumber)
    }

    private func execute(_ call: ToolCall, run: inout Run) async -> String {
        let arguments: [String: JSONValue]
        do {
            arguments = try call.argumentsObject()
        } catch {
            run.traces.append(ToolCallTrace(name: call.name, arguments: call.arguments, result: "invalid arguments"))
            return "error: \(error)"
        }
        let result: String
        switch call.name {
        case AgentTools.searchKnowledgeBase:
            result = await searchTool(arguments, run: &run)
        case AgentTools.createTicket:
            result = await ticketTool(arguments, run: &run)
        case AgentTools.getCustomerHistory:
            result = AgentPrompt.history(run.request.history)
        case AgentTools.escalateToHuman:
            guard let reasonName = arguments["reason"]?.stringValue, let reason = EscalationReason(rawValue: reasonName),
                reason != .deliveryFailed
            else {
                result = "error: reason must be one of " + EscalationReason.allCases.map(\.rawValue).joined(separator: ", ")
                break
            }
            let summary = arguments["summary"]?.stringValue ?? ""
            run.escalation = .init(reason: reason, summary: summary.isEmpty ? reason.description : summary)
            run.actions.insert(.escalated)
            result = "escalated (\(reason.rawValue)); a colleague will reply \(notice.eta). Now tell the customer with send_response."
        default:
            result = "error: unknown tool \(call.name)"
        }
        run.traces.append(ToolCallTrace(name: call.name, arguments: call.arguments, result: result))
        return result
    }

    private func searchTool(_ arguments: [String: JSONValue], run: inout Run) async -> String {
        guard let query = arguments["query"]?.stringValue, !query.trimmingWhitespace().isEmpty else {
            return "error: query must be a non-empty string"
        }
        run.searches += 1
        do {
            let scoped = try await SearchScope.resolve(arguments["category"], in: search)
            var results = try await search.search(String(query.prefix(1_000)), k: 5, category: scoped.category)
            var note = scoped.note
            var relevant = results.filter { $0.similarity >= relevantSimilarity }
            if relevant.isEmpty, let category = scoped.category {
                // A category the model guessed wrong must not silence the search.
                results = try await search.search(String(query.prefix(1_000)), k: 5)
                relevant = results.filter { $0.similarity >= relevantSimilarity }
                note = "Nothing relevant in the category “\(category)”, so all documentation was searched.\n\n"
            }
            for result in relevant where !run.relevantSources.contains(where: { $0.chunkID == result.chunkID }) {
                run.relevantSources.append(result)
            }
            guard !relevant.isEmpty else { return note + "No relevant passages found." }
            return note + relevant.map { "[\($0.source) › \($0.headingPath)]\n\($0.content)" }.joined(separator: "\n\n")
        } catch {
            return "error: the knowledge base could not be searched (\(error))"
        }
    }

    private func ticketTool(_ arguments: [String: JSONValue], run: inout Run) async -> String {
        let category = arguments["category"]?.stringValue.flatMap(TicketCategory.init(rawValue:))
        let priority = arguments["priority"]?.stringValue.flatMap(TicketPriority.init(rawValue:))
        let id = run.request.inbound.ticketID
        do {
            try await tickets.classify(id, category: category, priority: priority)
        } catch {
            return "error: the ticket could not be updated (\(error))"
        }
        run.actions.insert(.ticketCreated)
        return "ticket \(id.lowercasedString) is open"
    }

    /// What one run has gathered so far.
    struct Run {
        let request: AgentRequest
        var turns = 0
        var tokens = 0
        var searches = 0
        var relevantSources: [KnowledgeSearchResult] = []
        var actions: Set<AgentAction> = []
        var escalation: Escalation?
        var traces: [ToolCallTrace] = []
        var modelSentiment: Double?

        func outcome(body: String, model: String) -> AgentOutcome {
            AgentOutcome(
                body: body, escalation: escalation, author: .model, sources: relevantSources, toolCalls: traces,
                model: model, tokens: tokens, modelSentiment: modelSentiment)
        }

        func outcome(escalating reason: EscalationReason, notice: EscalationNotice, model: String) -> AgentOutcome {
            var traces = traces
            traces.append(ToolCallTrace(name: AgentTools.escalateToHuman, arguments: #"{"reason": "\#(reason.rawValue)"}"#, result: "escalated by the guardrails"))
            return AgentOutcome(
                body: notice.text(for: reason),
                escalation: .init(reason: reason, summary: escalation?.summary ?? "\(reason.description) Customer wrote: \(request.event.content.prefix(300))"),
                author: .model, sources: [], toolCalls: traces, model: model, tokens: tokens, modelSentiment: modelSentiment)
        }
    }
}
