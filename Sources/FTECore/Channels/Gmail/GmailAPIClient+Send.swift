import Foundation

/// A message `users.messages.send` accepted.
public struct GmailSentMessage: Sendable, Equatable, Decodable {
    /// The Gmail message id.
    public var id: String
    /// The thread Gmail filed the message in: the requested one when the threading rules held,
    /// else a new one.
    public var threadID: String
    /// The labels Gmail gave it (`SENT`).
    public var labelIDs: [String]

    enum CodingKeys: String, CodingKey { case id, threadID = "threadId", labelIDs = "labelIds" }

    public init(id: String, threadID: String, labelIDs: [String] = ["SENT"]) {
        self.id = id
        self.threadID = threadID
        self.labelIDs = labelIDs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        threadID = try container.decode(String.self, forKey: .threadID)
        labelIDs = try container.decodeIfPresent([String].self, forKey: .labelIDs) ?? []
    }
}

extension GmailAPIClient {
    /// `users.messages.send`: sends `rawMessage` (RFC 5322 text with CRLF line ends, as
    /// ``EmailComposer`` writes it) as base64url `raw`. Gmail files it in `threadID` only when
    /// its `Subject`, `In-Reply-To` and `References` match that thread, as
    /// ``EmailComposer/reply(from:to:originalSubject:originalMessageID:originalReferences:body:)``
    /// writes them.
    ///
    /// One attempt (after a 401, one more with a fresh token: the message was not accepted).
    /// - Throws: ``ChannelDeliveryError``: `retryable` for quota errors (429, or 403
    ///   `rateLimitExceeded`/`userRateLimitExceeded`), 5xx, transport failures and token-endpoint
    ///   outages; `rejected` for refused credentials and other 4xx (a `threadID` Gmail does not
    ///   know is 404); `notConfigured` for missing OAuth settings. A 2xx answer that cannot be
    ///   read is `retryable`: Gmail may have the message, and the outbox's next attempt asks it
    ///   (``messageID(withRFC822MessageID:)``) before sending again. `CancellationError` when cancelled.
    public func send(rawMessage: String, threadID: String?) async throws -> GmailSentMessage {
        let call = "messages.send"
        return try await classifyingFailures {
            let body = try JSONEncoder().encode(
                GmailWire.SendRequest(
                    raw: Base64URL.encode(rawMessage.utf8), threadId: threadID.flatMap { $0.isEmpty ? nil : $0 }))
            let response = try await send(.post, "messages/send", body: body, call: call)
            return try decode(GmailSentMessage.self, response, call: call)
        }
    }

    /// The Gmail id of the mailbox's message whose `Message-ID` header is `messageID` (a
    /// `messages.list` search `rfc822msgid:`, spam and trash included), or nil when Gmail has
    /// none: how the outbox learns whether an interrupted send reached Gmail.
    /// - Parameter messageID: the `Message-ID`, with or without angle brackets.
    /// - Throws: ``ChannelDeliveryError`` as ``send(rawMessage:threadID:)`` classifies failures.
    public func messageID(withRFC822MessageID messageID: String) async throws -> String? {
        let call = "messages.list"
        let bare = messageID.trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        return try await classifyingFailures {
            let query = [("q", "rfc822msgid:" + bare), ("includeSpamTrash", "true"), ("maxResults", "10")]
            let response = try await send(.get, "messages", query: query, call: call)
            return try decode(GmailWire.MessageList.self, response, call: call).messages?.first?.id
        }
    }

    /// Runs one call, turning its failures into ``ChannelDeliveryError``s.
    private func classifyingFailures<Value>(_ call: () async throws -> Value) async throws -> Value {
        do {
            return try await call()
        } catch let error as GmailAPIError {
            throw Self.classify(error)
        } catch let error as GoogleOAuthError {
            throw Self.classify(error)
        } catch let error as HTTPClientError {
            throw ChannelDeliveryError.transport(error, provider: "Gmail")
        }
    }

    private static func classify(_ error: GmailAPIError) -> ChannelDeliveryError {
        switch error.reason {
        case .rateLimited:
            return .retryable(reason: error.description, retryAfter: error.retryAfter)
        case .failed(let status, _) where status >= 500:
            return .retryable(reason: error.description, retryAfter: error.retryAfter)
        case .malformedResponse:
            return .retryable(reason: error.description, retryAfter: nil)
        case .failed, .unauthorized, .historyExpired, .messageNotFound:
            return .rejected(reason: error.description)
        }
    }

    private static func classify(_ error: GoogleOAuthError) -> ChannelDeliveryError {
        switch error.reason {
        case .missingSetting:
            return .notConfigured(reason: error.description)
        case .rejected(let status, _, _) where status >= 500 || status == 429,
            .malformedResponse(let status) where status >= 500 || status == 429:
            return .retryable(reason: error.description, retryAfter: nil)
        case .rejected, .malformedResponse:
            return .rejected(reason: error.description)
        }
    }
}
