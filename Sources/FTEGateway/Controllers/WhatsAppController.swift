import FTECore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `POST /webhooks/whatsapp` (Twilio inbound messages) and `POST /webhooks/whatsapp/status`
/// (delivery status callbacks). Both check `X-Twilio-Signature` against the public URL first:
/// 403 on mismatch, nothing queued. Inbound messages are answered with empty TwiML once queued.
struct WhatsAppController: Sendable {
    let configuration: GatewayConfiguration
    let validator: TwilioSignatureValidator
    let publisher: any EventPublisher
    let deliveryStatuses: DeliveryStatusStore

    static let emptyTwiML = #"<?xml version="1.0" encoding="UTF-8"?><Response/>"#

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.post("/webhooks/whatsapp", use: inbound)
        router.post(RouterPath(TwilioSettings.statusCallbackPath), use: status)
    }

    @Sendable func inbound(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await verifiedForm(request, context: context)
        let message: WhatsAppInboundMessage
        do {
            message = try WhatsAppInboundMessage(form: form)
        } catch {
            context.logger.warning("malformed WhatsApp webhook", metadata: ["error": "\(error)"])
            throw GatewayError.badRequest("\(error)")
        }
        do {
            try await publisher.publish(message.incomingEvent())
        } catch let error as QueueError {
            context.logger.error("WhatsApp message not queued; Twilio will retry", metadata: ["error": "\(error)"])
            throw GatewayError.queueUnavailable(retryAfter: configuration.queueRetryAfterSeconds)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: Self.emptyTwiML)))
    }

    @Sendable func status(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await verifiedForm(request, context: context)
        let callback: TwilioStatusCallback
        do {
            callback = try TwilioStatusCallback(form: form)
        } catch {
            context.logger.warning("malformed Twilio status callback", metadata: ["error": "\(error)"])
            throw GatewayError.badRequest("\(error)")
        }
        do {
            let changed = try await deliveryStatuses.apply(callback)
            context.logger.debug(
                "delivery status", metadata: ["sid": "\(callback.messageSID)", "status": "\(callback.status)", "changed": "\(changed)"])
        } catch {
            context.logger.error("delivery status not stored; Twilio will retry", metadata: ["error": "\(error)"])
            throw GatewayError(status: .serviceUnavailable, message: "please retry")
        }
        return Response(status: .noContent)
    }

    /// The posted form, once its signature matched the public URL Twilio called.
    private func verifiedForm(_ request: Request, context: GatewayRequestContext) async throws -> [FormField] {
        let body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        guard let form = try? FormURLEncoding.decode(body.readableBytesView) else {
            throw GatewayError.badRequest("the body must be form-encoded")
        }
        let url = PublicURL.of(request, configured: configuration.publicURL)
        do {
            try validator.verify(signature: request.headers[.xTwilioSignature], url: url, parameters: form)
        } catch {
            context.logger.warning("Twilio signature rejected", metadata: ["error": "\(error)", "url": "\(url)"])
            throw GatewayError(status: .forbidden, message: "invalid Twilio signature")
        }
        return form
    }
}

/// The URL a client called, as seen from outside any proxy: the configured public base URL,
/// or else the `X-Forwarded-Proto` scheme and the `Host` header, followed by the request's
/// path and query.
enum PublicURL {
    static func of(_ request: Request, configured: URL?) -> String {
        let pathAndQuery = request.uri.description
        if let configured { return PublicBaseURL.join(configured, pathAndQuery) }
        let scheme = request.headers[.xForwardedProto]?.split(separator: ",").first.map {
            $0.trimmingCharacters(in: .whitespaces)
        } ?? "http"
        let host = request.head.authority ?? "localhost"
        return "\(scheme)://\(host)\(pathAndQuery)"
    }
}
