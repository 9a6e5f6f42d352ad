import FTECore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `POST /webhooks/gmail`: a Pub/Sub push saying the mailbox changed. Authenticated first
/// (401/403, or 503 when Google's keys cannot be fetched); malformed notifications are
/// acknowledged (204) so Pub/Sub does not redeliver them forever; otherwise the new mail is
/// fetched and queued before the 204, and any failure answers 503 so Pub/Sub redelivers.
struct GmailController: Sendable {
    let configuration: GatewayConfiguration
    let intake: GmailPushIntake
    let publisher: any EventPublisher

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.post("/webhooks/gmail", use: push)
    }

    @Sendable func push(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        do {
            try await intake.authenticator.authenticate(
                authorization: request.headers[.authorization],
                queryToken: request.uri.queryParameters["token"].map(String.init))
        } catch {
            context.logger.warning("Pub/Sub push rejected", metadata: ["error": "\(error)"])
            throw GatewayError(status: .init(code: error.httpStatus), message: "push not authenticated: \(error.code)")
        }
        let body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        let notification: GmailPushNotification
        do {
            let envelope = try PubSubPushEnvelope(json: body.readableBytesView)
            notification = try GmailPushNotification(json: envelope.data)
        } catch {
            context.logger.warning("malformed Pub/Sub push acknowledged and dropped", metadata: ["error": "\(error)"])
            return Response(status: .noContent)
        }
        guard ContactAddress.normalizedEmail(notification.emailAddress) == intake.mailbox else {
            context.logger.warning("push for another mailbox ignored", metadata: ["mailbox": "\(notification.emailAddress)"])
            return Response(status: .noContent)
        }
        do {
            let summary = try await intake.sync.sync(notification: notification, publisher: publisher)
            context.logger.info(
                "gmail sync", metadata: ["published": "\(summary.published)", "skipped": "\(summary.skipped)", "mode": "\(summary.mode)"])
        } catch {
            context.logger.error("gmail sync failed; Pub/Sub will redeliver", metadata: ["error": "\(error)"])
            throw GatewayError.queueUnavailable(retryAfter: configuration.queueRetryAfterSeconds)
        }
        return Response(status: .noContent)
    }
}
