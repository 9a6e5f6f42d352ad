import FTECore
import Foundation
import Logging
import MCP

/// fte's support desk as an MCP server: the agent's tools (knowledge-base search, customer
/// history), the ticket desk of `fte ticket` (list, show, and with ``Options/allowWrites``
/// reply, escalate, resolve), knowledge-base documents and tickets as resources, and prompts for
/// drafting a reply and summarising a customer.
///
/// Every tool calls the same core code as the CLI and the agent (``TicketStore``,
/// ``KnowledgeSearch``, ``CustomerDirectory``, ``ReplyChecks``), so the hard rules, the outbox
/// and the audit trail apply alike. One desk serves any number of sessions
/// (``makeServer(for:)``): stdio has one, streamable HTTP one per client.
public struct SupportDesk: Sendable {
    /// What the desk allows and how it records changes.
    public struct Options: Sendable {
        /// Whether the write tools (`reply_to_ticket`, `escalate_ticket`, `resolve_ticket`) are
        /// offered; without it they are neither listed nor callable.
        public var allowWrites = false
        /// The name recorded on ticket changes (`--by`, `FTE_ACTOR`); `nil`: the client's name,
        /// as `mcp:<name>`.
        public var actor: String?

        public init(allowWrites: Bool = false, actor: String? = nil) {
            self.allowWrites = allowWrites
            self.actor = actor
        }
    }

    let options: Options
    let tickets: TicketStore
    let directory: CustomerDirectory
    let knowledge: KnowledgeStore
    let search: LazyKnowledgeSearch
    let replyReview: ReplyReview
    let logger: Logger

    /// - Parameters:
    ///   - embedder: loads the embedder for knowledge-base searches, once, on the first search
    ///     (so a desk without the model installed still serves the ticket tools).
    ///   - checks: the rules a reply must pass (``ReplyChecks/fromEnvironment(_:)``).
    public init(
        database: Database, options: Options, checks: ReplyChecks,
        embedder: @escaping @Sendable () async throws -> any Embedder, logger: Logger
    ) {
        self.options = options
        tickets = TicketStore(database: database)
        directory = CustomerDirectory(database: database)
        knowledge = KnowledgeStore(database: database)
        search = LazyKnowledgeSearch(database: database, loadEmbedder: embedder)
        replyReview = ReplyReview(checks: checks)
        self.logger = logger
    }

    /// The server's name and version, as clients show them.
    static let serverName = "fte"

    /// What the client's model reads about this server before anything else.
    var instructions: String {
        let writes = options.allowWrites
            ? "reply_to_ticket, escalate_ticket and resolve_ticket change tickets and reach customers; the reply must pass the same rules as the AI agent's (no prices, no competitors, no claimed refunds or actions)."
            : "This server is read-only: it cannot reply to, escalate or resolve tickets."
        return """
            fte is the customer-support desk: tickets from e-mail, WhatsApp and the web form, each customer's \
            history across channels, and the product knowledge base. Search the knowledge base before \
            answering product questions, and answer only from what it returns. \(writes)
            """
    }

    /// A new MCP server for one session (one stdio connection or one HTTP client).
    func makeServer(for session: DeskSession) async -> Server {
        let server = Server(
            name: Self.serverName, version: FTEVersion.current, title: "fte support desk",
            instructions: instructions,
            capabilities: .init(prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await registerTools(on: server, session: session)
        await registerResources(on: server)
        await registerPrompts(on: server)
        return server
    }

    /// The name recorded on changes made in `session`.
    func actor(in session: DeskSession) async -> String {
        if let actor = options.actor { return actor }
        return "mcp:\(await session.clientNameOnceInitialized() ?? "unknown-client")"
    }
}
