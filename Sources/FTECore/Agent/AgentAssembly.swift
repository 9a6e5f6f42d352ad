import Logging

/// Builds the agent the way `fte work` runs it — the model when `FTE_LLM_*` has a key, else the
/// built-in responder; the escalation rules with the learned scorer (over the local MiniLM
/// vectors; the rules alone with any other embedder or `FTE_ESCALATION_SCORER=false`); the reply checks, the channel shaper and
/// the sentiment assessor from the environment — so `fte eval` tests exactly what the worker answers with.
public struct AgentAssembly: Sendable {
    public var agent: SupportAgent
    public var assessor: SentimentAssessor
    public var shaper: ReplyShaper
    /// Who answers: the model's name, or the built-in responder.
    public var responderDescription: String
    /// The model's HTTP client; shut it down when done.
    public var modelHTTPClient: HTTPClient

    /// Assembles the agent.
    /// - Parameters:
    ///   - embedder: embeds search queries (cached for `queryCacheSize` queries).
    ///   - tickets: where `create_ticket` records category and priority.
    ///   - maxModelConnections: HTTP connections to the model (every message in flight may wait on it).
    /// - Throws: ``ConfigError`` for unusable `FTE_LLM_*` settings or a missing sentiment lexicon.
    public static func make(
        database: Database, embedder: any Embedder, tickets: any TicketClassifier, settings: WorkerConfiguration,
        maxModelConnections: Int = 32, environment: [String: String], logger: Logger
    ) throws -> AgentAssembly {
        let llm: LLMSettings
        let lexicon: SentimentLexicon
        do {
            llm = try LLMSettings(environment: environment)
            lexicon = try SentimentLexicon.fromEnvironment(environment)
        } catch {
            throw ConfigError("\(error)")
        }
        let modelHTTPClient = HTTPClient(configuration: .init(maxConnectionsPerHost: max(32, maxModelConnections)))
        let model: (any ChatModel)? = llm.isConfigured
            ? ChatCompletionsClient(settings: llm, httpClient: modelHTTPClient, logger: logger) : nil
        let shaper = ReplyShaper.fromEnvironment(environment)
        let queryEmbedder = CachingEmbedder(BatchingEmbedder(embedder), capacity: settings.queryCacheSize)
        var escalation = EscalationCheck()
        if settings.escalationScorer {
            do {
                escalation = EscalationCheck(scorer: try EscalationScorer.trained(), embedder: queryEmbedder)
            } catch {
                throw ConfigError("the escalation scorer's built-in weights: \(error)")
            }
        }
        let agent = SupportAgent(
            model: model, modelName: llm.model, search: KnowledgeSearch(database: database, embedder: queryEmbedder),
            tickets: tickets, escalation: escalation, checks: ReplyChecks.fromEnvironment(environment),
            notice: EscalationNotice(eta: settings.escalationETA), companyName: shaper.companyName,
            builtinMinimumSimilarity: settings.builtinMinimumSimilarity, timeLimit: settings.agentTimeout, logger: logger)
        return AgentAssembly(
            agent: agent, assessor: SentimentAssessor(lexicon: lexicon), shaper: shaper,
            responderDescription: llm.isConfigured ? "model \(llm.model)" : "the built-in responder (no FTE_LLM_API_KEY)",
            modelHTTPClient: modelHTTPClient)
    }
}
