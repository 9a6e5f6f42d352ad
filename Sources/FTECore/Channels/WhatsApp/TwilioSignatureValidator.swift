import Crypto
import Foundation

/// Checks the `X-Twilio-Signature` header of a webhook request: base64 HMAC-SHA1, keyed with
/// the account's Auth Token, over the full public URL followed by every posted field (names in
/// byte order, a repeated name's values sorted), compared in constant time. Twilio is
/// inconsistent about ports, so the URL is tried with its port stripped and with the default
/// port added. JSON webhooks use the `bodySHA256` variant (``verify(signature:url:jsonBody:)``).
public struct TwilioSignatureValidator: Sendable {
    /// The HMAC key. `SymmetricKey` is not marked `Sendable`, but it is immutable and only read.
    nonisolated(unsafe) private let key: SymmetricKey

    /// - Parameter authToken: the Auth Token of the account (or the webhook's shared key).
    public init(authToken: String) {
        key = SymmetricKey(data: Array(authToken.utf8))
    }

    /// The signature Twilio sends for a form POST to `url` with `parameters`.
    public func signature(url: String, parameters: [FormField]) -> String {
        sign(url: url, fields: Self.signedFields(parameters))
    }

    /// Every field as `name + value`, names in byte order, a repeated name's values sorted.
    private static func signedFields(_ parameters: [FormField]) -> [UInt8] {
        let sorted = parameters.sorted { lhs, rhs in
            lhs.name == rhs.name
                ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        var bytes: [UInt8] = []
        for field in sorted {
            bytes += field.name.utf8
            bytes += field.value.utf8
        }
        return bytes
    }

    private func sign(url: String, fields: [UInt8]) -> String {
        Data(HMAC<Insecure.SHA1>.authenticationCode(for: Array(url.utf8) + fields, using: key)).base64EncodedString()
    }

    /// Verifies a form-encoded webhook (inbound message or status callback).
    /// - Parameters:
    ///   - signature: the `X-Twilio-Signature` header, nil when absent.
    ///   - url: the public URL Twilio requested, query included (not the internal URL behind a proxy).
    ///   - parameters: every posted field, in any order.
    /// - Throws: ``TwilioSignatureError`` when the header is missing or matches neither port variant.
    public func verify(signature: String?, url: String, parameters: [FormField]) throws(TwilioSignatureError) {
        guard let signature, !signature.isEmpty else { throw TwilioSignatureError(.missingSignature) }
        let fields = Self.signedFields(parameters)
        let candidates = Self.portVariants(of: url).map { sign(url: $0, fields: fields) }
        guard candidates.contains(where: { constantTimeEquals($0.utf8, signature.utf8) }) else {
            throw TwilioSignatureError(.mismatch)
        }
    }

    /// Verifies a JSON webhook: the URL's `bodySHA256` query value must be the lower-case hex
    /// SHA-256 of the raw body, and the signature covers the URL alone (no parameters).
    /// - Throws: ``TwilioSignatureError`` when the header or the `bodySHA256` query is missing,
    ///   the body hash differs, or the signature does not match.
    public func verify(signature: String?, url: String, jsonBody: some Collection<UInt8>) throws(TwilioSignatureError) {
        guard let expectedHash = Self.queryValue(named: "bodySHA256", in: url) else {
            throw TwilioSignatureError(.missingBodyHash)
        }
        let bodyHash = SHA256.hash(data: Array(jsonBody)).map { String(format: "%02x", $0) }.joined()
        guard constantTimeEquals(bodyHash.utf8, expectedHash.lowercased().utf8) else {
            throw TwilioSignatureError(.bodyHashMismatch)
        }
        try verify(signature: signature, url: url, parameters: [])
    }

    /// The URL with its port removed, and with the scheme's default port (443 or 80) added
    /// when it has none; the rest of the URL is kept byte for byte.
    static func portVariants(of url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else { return [url] }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let authorityEnd = url[schemeEnd.upperBound...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        let authority = url[schemeEnd.upperBound..<authorityEnd]
        let hostStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let hostAndPort = authority[hostStart...]
        // The port is after the last colon that follows any IPv6 literal's closing bracket.
        let searchFrom = hostAndPort.lastIndex(of: "]") ?? hostAndPort.startIndex
        let colon = hostAndPort[searchFrom...].lastIndex(of: ":")
        let hostEnd = colon ?? authority.endIndex
        let prefix = String(url[..<hostEnd])
        let suffix = String(url[authorityEnd...])
        let stripped = prefix + suffix
        let withPort = colon == nil ? prefix + ":" + (scheme == "https" ? "443" : "80") + suffix : url
        return stripped == withPort ? [stripped] : [stripped, withPort]
    }

    /// The raw (undecoded) value of the first query parameter called `name`.
    static func queryValue(named name: String, in url: String) -> String? {
        guard let queryStart = url.firstIndex(of: "?") else { return nil }
        let query = url[url.index(after: queryStart)...].prefix { $0 != "#" }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == name, parts.count == 2 { return String(parts[1]) }
        }
        return nil
    }
}
