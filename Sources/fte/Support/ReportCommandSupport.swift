import FTECore
import Foundation

/// What `fte report` and `fte kb candidates` share: the period and number options, the
/// embedder for questions, and the mailer.
enum ReportCommandSupport {
    /// `--since`, `--until` and `--channel` as a period (without `--since`, `defaultLength`
    /// seconds before its end).
    /// - Throws: ``CommandFailure`` (usage) naming the option at fault.
    static func period(since: String?, until: String?, channel: Channel?, defaultLength: TimeInterval = 86_400) throws -> ReportPeriod {
        do {
            return try ReportPeriod.parse(since: since, until: until, channel: channel, defaultLength: defaultLength)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message)
        }
    }

    /// A number from its flag or the environment; a bad one is a usage error naming its source.
    static func number(
        _ key: ConfigKey, flag: Double?, option: String, environment: [String: String], default value: Double,
        in range: ClosedRange<Double>
    ) throws -> Double {
        do {
            return try key.number(flag: flag, environment: environment, default: value, in: range)
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message.replacingOccurrences(of: "the flag", with: option))
        }
    }

    /// Question topics of the loaded embedder at `similarity`; `nil` without an embedder.
    static func topics(_ database: Database, embedder: (any Embedder)?, similarity: Double) -> QuestionTopics? {
        embedder.map { QuestionTopics(database: database, vectors: QuestionVectors(database: database, embedder: $0), similarity: similarity) }
    }

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
