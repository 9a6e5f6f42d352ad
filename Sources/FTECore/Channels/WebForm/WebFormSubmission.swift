import Foundation

/// A web support form as posted to `POST /support/submit` (JSON), before validation.
/// Every field is read as optional text so that a missing or mistyped field becomes a field
/// error rather than a decoding failure.
public struct WebFormSubmission: Sendable, Decodable, Equatable {
    public var name: String?
    public var email: String?
    public var subject: String?
    public var category: String?
    public var priority: String?
    public var message: String?
    public var phone: String?
    /// The honeypot: hidden from people, filled in by bots.
    public var website: String?
    /// The client's key for this message, the same on every retry (``SubmissionKey``).
    public var submissionID: String?
    /// Fields that were present with a type other than text.
    public private(set) var mistypedFields: [String] = []

    public init(
        name: String? = nil, email: String? = nil, subject: String? = nil, category: String? = nil,
        priority: String? = nil, message: String? = nil, phone: String? = nil, website: String? = nil,
        submissionID: String? = nil
    ) {
        self.name = name
        self.email = email
        self.subject = subject
        self.category = category
        self.priority = priority
        self.message = message
        self.phone = phone
        self.website = website
        self.submissionID = submissionID
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email, subject, category, priority, message, phone, website
        case submissionID = "submission_id"
    }

    /// Reads a submission from a request body.
    /// - Throws: ``JSONValue/ParseError`` when `body` is not JSON, ``NotAnObject`` when it is
    ///   JSON but not an object.
    public init(body: Data) throws {
        guard case .object(let members) = try JSONValue(parsing: body) else { throw NotAnObject() }
        self.init(members: members)
    }

    /// Decodes a submission from any decoder, as ``init(body:)`` reads it.
    public init(from decoder: any Decoder) throws {
        guard case .object(let members) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                WebFormSubmission.self, .init(codingPath: decoder.codingPath, debugDescription: "not an object"))
        }
        self.init(members: members)
    }

    /// A body that is JSON but not an object.
    public struct NotAnObject: Error {}

    private init(members: [String: JSONValue]) {
        var mistyped: [String] = []
        func text(_ key: CodingKeys) -> String? {
            switch members[key.rawValue] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case _?:
                mistyped.append(key.rawValue)
                return nil
            }
        }
        name = text(.name)
        email = text(.email)
        subject = text(.subject)
        category = text(.category)
        priority = text(.priority)
        message = text(.message)
        phone = text(.phone)
        website = text(.website)
        submissionID = text(.submissionID)
        mistypedFields = mistyped
    }

    /// Whether the honeypot field was filled in.
    public var isLikelyBot: Bool {
        !(website ?? "").trimmingWhitespace().isEmpty
    }
}
