import Foundation

/// Whether Gmail proved that an e-mail's `From` address is the sender's: the verdict the
/// gateway puts on each e-mail event (docs/worker.md, "Trust model").
///
/// Only the **topmost** `Authentication-Results` field counts, and only when Gmail wrote it
/// (authserv-id `mx.google.com`): Gmail adds its own above everything the sender wrote, and a
/// sender can write any header, `Authentication-Results: mx.google.com; dmarc=pass` included.
/// In it:
/// - `dmarc=pass` for the `From` domain (`header.from`) verifies the sender;
/// - `dmarc=fail`, a DMARC verdict for another domain or one that names no domain does not,
///   nor anything when the message has more than one `From` address;
/// - without a DMARC verdict (a domain without a DMARC record), a `dkim=pass` signed by the
///   `From` domain or a parent of it (`header.d`, else `header.i`), or an `spf=pass` for an
///   envelope sender (`smtp.mailfrom`) at the `From` domain or a parent of it, verifies it — the
///   alignment DMARC itself would check, without public-suffix knowledge, so only in the safe
///   direction.
public struct EmailSenderVerification: Sendable, Equatable {
    /// The authserv-id whose results count.
    public static let gmailAuthservID = "mx.google.com"

    /// Whether the `From` address is proven.
    public var isVerified: Bool
    /// Why, in a few words, for logs and `fte ticket show` (`dmarc=pass header.from=example.com`).
    public var evidence: String

    public init(isVerified: Bool, evidence: String) {
        self.isVerified = isVerified
        self.evidence = evidence
    }

    /// The verdict on a message whose `From` address is `fromAddress`, given its headers in
    /// message order (topmost first).
    public static func of(headers: EmailHeaders, fromAddress: String) -> EmailSenderVerification {
        guard let fromDomain = fromAddress.split(separator: "@").last.map({ String($0).lowercased() }), !fromDomain.isEmpty else {
            return .unverified("the From address has no domain")
        }
        // DMARC checks one From domain; with several addresses nobody can tell which one passed.
        guard headers.all("From").flatMap(EmailMailbox.parseList).count <= 1 else {
            return .unverified("more than one From address")
        }
        guard let topmost = headers.all("Authentication-Results").first else {
            return .unverified("no Authentication-Results")
        }
        guard let results = AuthenticationResults(topmost), results.authservID == gmailAuthservID else {
            return .unverified("the topmost Authentication-Results is not Gmail's")
        }
        let dmarc = results.results(of: "dmarc")
        if let verdict = dmarc.first(where: { domain($0.properties["header.from"]) == fromDomain }) ?? dmarc.first {
            let evidence = "dmarc=\(verdict.result)" + (verdict.properties["header.from"].map { " header.from=\($0)" } ?? "")
            let aligned = domain(verdict.properties["header.from"]) == fromDomain
            return EmailSenderVerification(isVerified: verdict.result == "pass" && aligned, evidence: evidence)
        }
        for dkim in results.results(of: "dkim") where dkim.result == "pass" {
            if let signer = domain(dkim.properties["header.d"] ?? dkim.properties["header.i"]), covers(signer, fromDomain) {
                return EmailSenderVerification(isVerified: true, evidence: "dkim=pass header.d=\(signer), no DMARC verdict")
            }
        }
        for spf in results.results(of: "spf") where spf.result == "pass" {
            if let envelope = domain(spf.properties["smtp.mailfrom"]), covers(envelope, fromDomain) {
                return EmailSenderVerification(isVerified: true, evidence: "spf=pass smtp.mailfrom=\(envelope), no DMARC verdict")
            }
        }
        return .unverified("no DMARC pass and no DKIM or SPF pass for \(fromDomain)")
    }

    private static func unverified(_ evidence: String) -> EmailSenderVerification {
        EmailSenderVerification(isVerified: false, evidence: evidence)
    }

    /// The lower-cased domain of `example.com`, `@example.com` or `jane@example.com`.
    private static func domain(_ value: String?) -> String? {
        guard let value, let last = value.split(separator: "@", omittingEmptySubsequences: false).last else { return nil }
        let domain = last.trimmingCharacters(in: ["<", ">", " ", "."]).lowercased()
        return domain.isEmpty ? nil : domain
    }

    /// Whether `authenticated` speaks for `fromDomain`: the same domain, or a parent of it
    /// (whoever controls `example.com` controls `mail.example.com`; not the other way round).
    private static func covers(_ authenticated: String, _ fromDomain: String) -> Bool {
        authenticated.contains(".") && (fromDomain == authenticated || fromDomain.hasSuffix("." + authenticated))
    }
}
