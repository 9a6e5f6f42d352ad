import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The per-request context of the gateway: Hummingbird's core storage plus the peer address
/// (for rate limiting).
struct GatewayRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address: with `trustedProxies` > 0 (behind proxies that append the address
    /// of whoever connected to them), the `X-Forwarded-For` entry that many places from the right
    /// — every field line counted, in order — or its left-most entry when it has fewer; the
    /// entries further left are whatever the client sent, so they never count. Otherwise, and
    /// without the header, the TCP peer.
    func clientAddress(of request: Request, trustedProxies: Int) -> String {
        if trustedProxies > 0 {
            let entries = request.headers[values: .xForwardedFor]
                .flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            if !entries.isEmpty {
                return String(entries[max(0, entries.count - trustedProxies)].prefix(Self.maxAddressLength))
            }
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// Longest client address kept (an IPv6 address with a zone fits).
    static let maxAddressLength = 64
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let xTwilioSignature = Self("X-Twilio-Signature")!
    /// The web form's submission key (IETF draft "The Idempotency-Key HTTP Header Field").
    static let idempotencyKey = Self("Idempotency-Key")!
}
