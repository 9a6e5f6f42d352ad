import Crypto

/// One schema change shipped inside the binary. Applied once, in version order, in a
/// transaction; its checksum is recorded so a later edit to an applied migration is caught.
public struct Migration: Sendable {
    /// Position in the ordered list; never reused.
    public let version: Int
    /// A short snake_case name.
    public let name: String
    /// The SQL script (several statements allowed).
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the SQL, lowercase hex.
    public var checksum: String {
        SHA256.hash(data: Array(sql.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension Migration {
    /// Every migration fte ships, in order.
    public static let all: [Migration] = [
        .crmSchema,
        .ticketEvents,
        .knowledgeBase,
        .knowledgeTerms,
        .eventQueue,
        .gmailSync,
        .worker,
        .messageMetadata,
        .inlineEmbeddings,
        .modelLatency,
        .identityProvenance,
        .modelSentiment,
        .reporting,
        .learning,
        .questionTopics,
        .outboxReconciliation,
        .earlyDeliveryReports,
        .ticketFacts,
        .reportFacts,
    ]
}
