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
    /// Fields that were present with a type other than text.
    public private(set) var mistypedFields: [String] = []

    public init(
        name: String? = nil, email: String? = nil, subject: String? = nil, category: String? = nil,
        priority: String? = nil, message: String? = nil, phone: String? = nil, website: String? = nil
    ) {
        self.name = name
        self.email = email
        self.subject = subject
        self.category = category
        self.priority = priority
        self.message = message
        self.phone = phone
        self.website = website
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email, subject, category, priority, message, phone, website
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var mistyped: [String] = []
        func text(_ key: CodingKeys) -> String? {
            guard container.contains(key), (try? container.decodeNil(forKey: key)) == false else { return nil }
            if let value = try? container.decode(String.self, forKey: key) { return value }
            mistyped.append(key.rawValue)
            return nil
        }
        name = text(.name)
        email = text(.email)
        subject = text(.subject)
        category = text(.category)
        priority = text(.priority)
        message = text(.message)
        phone = text(.phone)
        website = text(.website)
        mistypedFields = mistyped
    }

    /// Whether the honeypot field was filled in.
    public var isLikelyBot: Bool {
        !(website ?? "").trimmingWhitespace().isEmpty
    }
}
