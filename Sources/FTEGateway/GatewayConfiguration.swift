import FTECore
import Foundation

/// Everything `fte serve` needs to know besides its queue and database.
public struct GatewayConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The externally visible base URL (`FTE_PUBLIC_URL`), used to verify Twilio signatures;
    /// when unset, it is rebuilt from `X-Forwarded-Proto` / `Host`.
    public var publicURL: URL?
    /// Twilio Auth Token; the WhatsApp webhooks are served only when it is set.
    public var twilioAuthToken: String?
    /// Bearer token for the admin endpoints; without one they answer 404.
    public var adminToken: String?
    /// Largest request body accepted (413 beyond).
    public var maxBodyBytes = 64 * 1024
    /// Web-form submissions allowed per client address per minute (429 beyond).
    public var submissionsPerMinute = 10
    /// Trust `X-Forwarded-For` for the client address (behind an ingress or load balancer).
    public var trustForwardedFor = false
    /// How many proxies in front of the gateway append to `X-Forwarded-For`: the client is
    /// that many entries from the right (the entries to its left are what the client wrote).
    public var trustedProxies = 1
    /// Seconds a client is told to wait (Retry-After) when the queue is down.
    public var queueRetryAfterSeconds = 5
    /// How the web form describes the expected response time.
    public var estimatedResponseTime = "Usually within 5 minutes"

    public init() {}
}
