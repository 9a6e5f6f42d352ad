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

    /// The client's address: the first `X-Forwarded-For` hop when the gateway is configured to
    /// trust its proxy, otherwise the TCP peer.
    func clientAddress(of request: Request, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor],
            let first = forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        {
            return first
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let xTwilioSignature = Self("X-Twilio-Signature")!
}
