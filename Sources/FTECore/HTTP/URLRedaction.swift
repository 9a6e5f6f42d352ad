import Foundation

/// Reduces URLs to what is safe to log and show in errors.
enum URLRedaction {
    /// `scheme://host[:port]/path` of `url`: user info, query and fragment (where tokens and
    /// signatures travel) are dropped. An unparsable URL becomes `<invalid URL>`.
    static func redact(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            let host = components.host, !host.isEmpty
        else { return "<invalid URL>" }
        let port = components.port.map { ":\($0)" } ?? ""
        let authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(authority)\(port)\(components.percentEncodedPath)"
    }

    /// The host of `url`, or `<invalid URL>`.
    static func host(of url: String) -> String {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return "<invalid URL>" }
        return host
    }
}
