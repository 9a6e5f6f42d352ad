import FTECore
import Foundation

/// What `fte report` and `fte kb candidates` share: the embedder for questions, and the mailer.
enum ReportCommandSupport {
    /// The local embedder, or `nil` with a notice on standard error when the model cannot be
    /// loaded (knowledge gaps are then grouped by identical text).
    static func loadEmbedder(_ options: EmbedderOptions) async -> (any Embedder)? {
        do {
            return try await options.makeEmbedder()
        } catch {
            let reason = (error as? CommandFailure)?.message ?? "\(error)"
            printError("notice: knowledge gaps are grouped by identical text only: \(reason)")
            return nil
        }
    }

    /// The report mailer of the configured Gmail mailbox.
    /// - Throws: ``CommandFailure`` (usage) when Gmail is not configured.
    static func mailer(environment: [String: String], httpClient: HTTPClient) throws -> ReportMailer {
        do {
            guard let (mailbox, api) = try GmailAPIClient.fromEnvironment(environment, httpClient: httpClient) else {
                throw CommandFailure.usage(
                    "--email needs the Gmail mailbox: set FTE_GMAIL_ADDRESS and its OAuth credentials (FTE_GMAIL_CLIENT_ID, FTE_GMAIL_CLIENT_SECRET, FTE_GMAIL_REFRESH_TOKEN)")
            }
            return ReportMailer(gmail: api, mailbox: mailbox)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
    }
}
