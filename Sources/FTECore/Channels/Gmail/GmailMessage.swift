import Foundation

/// A message from the Gmail API (`users.messages.get?format=full`).
public struct GmailMessage: Sendable, Equatable, Decodable {
    public var id: String
    public var threadID: String?
    /// System labels such as `INBOX`, `SENT`, `DRAFT`, `UNREAD`, and user label ids.
    public var labelIDs: [String]
    public var historyID: String?
    /// When Gmail received the message (`internalDate`, epoch milliseconds).
    public var internalDate: Date?
    public var snippet: String?
    /// The parsed MIME tree; absent for `minimal` and `raw` formats.
    public var payload: GmailMessagePart?

    enum CodingKeys: String, CodingKey {
        case id, snippet, payload, internalDate
        case threadID = "threadId", labelIDs = "labelIds", historyID = "historyId"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        threadID = try container.decodeIfPresent(String.self, forKey: .threadID)
        labelIDs = try container.decodeIfPresent([String].self, forKey: .labelIDs) ?? []
        historyID = try container.decodeIfPresent(String.self, forKey: .historyID)
        snippet = try container.decodeIfPresent(String.self, forKey: .snippet)
        payload = try container.decodeIfPresent(GmailMessagePart.self, forKey: .payload)
        if let millis = try container.decodeIfPresent(String.self, forKey: .internalDate) {
            guard let value = Int64(millis) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .internalDate, in: container, debugDescription: "internalDate is not epoch milliseconds")
            }
            internalDate = Date(timeIntervalSince1970: TimeInterval(value) / 1000)
        }
    }

    /// Decodes the API's JSON response.
    /// - Throws: ``GmailMessageError`` with code ``GmailMessageError/Code/malformedMessage``.
    public static func decode(json: some Collection<UInt8>) throws(GmailMessageError) -> GmailMessage {
        do {
            return try JSONDecoder().decode(GmailMessage.self, from: Data(json))
        } catch {
            throw GmailMessageError(
                .malformedMessage, "the Gmail message JSON is malformed (\(error.shortDescription))")
        }
    }
}

/// One node of a message's MIME tree.
public struct GmailMessagePart: Sendable, Equatable, Decodable {
    /// The part's content, as Gmail returns it (transfer encoding already undone).
    public struct Body: Sendable, Equatable, Decodable {
        public var size: Int?
        /// The content bytes, base64url.
        public var data: String?
        /// Set instead of `data` for attachments fetched separately.
        public var attachmentId: String?
    }

    public var partID: String?
    public var mimeType: String
    public var filename: String?
    public var headers: [EmailHeader]
    public var body: Body?
    public var parts: [GmailMessagePart]

    enum CodingKeys: String, CodingKey {
        case partID = "partId", mimeType, filename, headers, body, parts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        partID = try container.decodeIfPresent(String.self, forKey: .partID)
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)?.lowercased() ?? "text/plain"
        filename = try container.decodeIfPresent(String.self, forKey: .filename)
        headers = try container.decodeIfPresent([EmailHeader].self, forKey: .headers) ?? []
        body = try container.decodeIfPresent(Body.self, forKey: .body)
        parts = try container.decodeIfPresent([GmailMessagePart].self, forKey: .parts) ?? []
    }

    /// Whether the part is an attachment rather than message text: it has a file name or
    /// `Content-Disposition: attachment`.
    public var isAttachment: Bool {
        if let filename, !filename.isEmpty { return true }
        return EmailHeaders(headers)["Content-Disposition"]?.lowercased().hasPrefix("attachment") == true
    }
}
