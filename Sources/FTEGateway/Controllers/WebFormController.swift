import FTECore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `GET /`, `POST /support/submit` and `GET /support/ticket/{id}`: the web support form.
/// A submission the client keyed (`submission_id` or `Idempotency-Key`) gets the same ticket id
/// on every retry, so a retried one is queued and stored once.
struct WebFormController: Sendable {
    let configuration: GatewayConfiguration
    let publisher: any EventPublisher
    let tickets: TicketStore
    let ticketIDs: TicketIDIssuer
    let rateLimiter: SubmissionRateLimiter

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.get("/", use: page)
        router.post("/support/submit", use: submit)
        router.get("/support/ticket/{id}", use: status)
    }

    @Sendable func page(_ request: Request, context: GatewayRequestContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: WebFormPage.html)))
    }

    /// The 200 answer: `{estimated_response_time, message, ticket_id}` (hand-written JSON: this
    /// is the intake hot path).
    private func accepted(_ ticketID: UUID) -> Response {
        var json = JSONObjectWriter(capacity: 192)
        json.field("estimated_response_time", configuration.estimatedResponseTime)
        json.field("message", "Thank you! We received your request and will reply by e-mail and on this page.")
        json.field("ticket_id", ticketID.lowercasedString)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: json.finished())))
    }

    @Sendable func submit(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let client = context.clientAddress(
            of: request, trustedProxies: configuration.trustForwardedFor ? configuration.trustedProxies : 0)
        if let wait = rateLimiter.acquire(for: client) {
            throw GatewayError(
                status: .tooManyRequests, message: "too many submissions; please wait \(wait) s and try again",
                headers: [.retryAfter: String(wait)])
        }
        let body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        let submission: WebFormSubmission
        do {
            submission = try WebFormSubmission(body: Data(body.readableBytesView))
        } catch {
            throw GatewayError.badRequest("the body must be a JSON object with the form's fields")
        }
        if submission.isLikelyBot {
            // Answer as usual so the bot learns nothing, but queue nothing.
            context.logger.notice("web form honeypot filled in; submission dropped", metadata: ["client": "\(client)"])
            return accepted(ticketIDs.issue())
        }
        let ticketID: UUID
        let event: IncomingEvent
        do {
            (ticketID, event) = try submission.validated(
                ticketIDs: ticketIDs, idempotencyKey: request.headers[.idempotencyKey])
        } catch let invalid as WebFormValidationError {
            throw GatewayError(
                status: .unprocessableContent, message: "some fields need attention", fields: invalid.fieldErrors)
        }
        try await publish(event, context: context)
        return accepted(ticketID)
    }

    @Sendable func status(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw GatewayError.notFound("ticket")
        }
        let recognised = ticketIDs.recentIssueDate(of: id)
        do {
            if let stored = try await tickets.supportStatus(id) { return try JSONResponses.encode(stored) }
        } catch {
            context.logger.error("ticket status lookup failed", metadata: ["error": "\(error)"])
            guard recognised != nil else { throw GatewayError(status: .serviceUnavailable, message: "please retry shortly") }
        }
        guard let acceptedAt = recognised else { throw GatewayError.notFound("ticket") }
        return try JSONResponses.encode(SupportTicketStatus.accepted(id, at: acceptedAt))
    }

    private func publish(_ event: IncomingEvent, context: GatewayRequestContext) async throws {
        do {
            try await publisher.publish(event)
        } catch let error as QueueError {
            context.logger.error("web form event not queued", metadata: ["error": "\(error)"])
            switch error {
            case .unavailable: throw GatewayError.queueUnavailable(retryAfter: configuration.queueRetryAfterSeconds)
            case .rejected: throw GatewayError(status: .unprocessableContent, message: "this request cannot be accepted")
            }
        }
    }
}
