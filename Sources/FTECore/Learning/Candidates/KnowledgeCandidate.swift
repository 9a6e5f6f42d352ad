import Foundation

/// A knowledge-base entry drafted from tickets a person resolved, waiting for a content owner:
/// approved, it becomes a Markdown document in the knowledge-base folder and is searchable at
/// once; rejected, questions like it are not proposed again.
public struct KnowledgeCandidate: Sendable, Codable, Equatable, DatabaseRowDecodable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, approved, rejected
    }

    /// How the text was written: the cleaned question and answer as they were, or rewritten by
    /// the configured model as a short help article.
    public enum Draft: String, Sendable, Codable {
        case extractive, model
    }

    public var id: Int64
    public var status: Status
    public var title: String
    public var category: String
    /// The customers' question, cleaned of greetings, signatures, quoted mail and personal data.
    public var question: String
    /// The answer, cleaned the same way (or the model's article).
    public var answer: String
    public var draftedBy: Draft
    /// The tickets it was learnt from, oldest first.
    public var ticketIDs: [UUID]
    /// Where approval wrote the document, relative to the knowledge-base folder.
    public var documentSource: String?
    public var rejectionReason: String?
    public var decidedBy: String?
    public var decidedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(row: DatabaseRow) throws {
        id = try row.decode("id")
        let status: String = try row.decode("status")
        self.status = Status(rawValue: status) ?? .pending
        title = try row.decode("title")
        category = try row.decode("category")
        question = try row.decode("question")
        answer = try row.decode("answer")
        draftedBy = Draft(rawValue: try row.decode("drafted_by")) ?? .extractive
        let tickets: String = try row.decode("ticket_ids")
        ticketIDs = tickets.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        documentSource = try row.decode("document_source", as: String?.self)
        rejectionReason = try row.decode("rejection_reason", as: String?.self)
        decidedBy = try row.decode("decided_by", as: String?.self)
        decidedAt = try row.decode("decided_at", as: Date?.self)
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }

    enum CodingKeys: String, CodingKey {
        case id, status, title, category, question, answer
        case draftedBy = "drafted_by", ticketIDs = "ticket_ids", documentSource = "document_source"
        case rejectionReason = "rejection_reason", decidedBy = "decided_by", decidedAt = "decided_at"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// One change in a candidate's life, and who made it.
public struct CandidateEvent: Sendable, Codable, Equatable, DatabaseRowDecodable {
    /// `suggested`, `merged` (more tickets joined it), `edited`, `approved` or `rejected`.
    public var kind: String
    public var actor: String
    public var note: String?
    public var at: Date

    public init(row: DatabaseRow) throws {
        kind = try row.decode("kind")
        actor = try row.decode("actor")
        note = try row.decode("note", as: String?.self)
        at = try row.decode("created_at")
    }
}

/// Why a candidate command failed.
public struct LearningError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Bad input: an empty reason, a malformed edit, a folder that cannot be written.
        case invalidInput
        case notFound
        /// The candidate's state does not allow it (approving a rejected one).
        case invalidTransition
    }

    public var code: Code
    public var message: String
    public var description: String { message }

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
