import FTECore
import Foundation

/// The URIs of the desk's resources: `kb://<source>` names a knowledge-base document by its
/// path (each segment percent-encoded), `ticket://<id>` a ticket.
enum ResourceURI: Equatable, Sendable {
    case document(String)
    case ticket(UUID)

    static let documentPrefix = "kb://"
    static let ticketPrefix = "ticket://"

    /// The URI as clients see it.
    var text: String {
        switch self {
        case .document(let source):
            Self.documentPrefix + source.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? String($0) }
                .joined(separator: "/")
        case .ticket(let id):
            Self.ticketPrefix + id.lowercasedString
        }
    }

    /// Parses a URI; `nil` for one the desk does not serve (another scheme, an empty path, a
    /// ticket that is not a UUID). Percent-encoding is optional in document paths.
    init?(_ text: String) {
        if text.hasPrefix(Self.documentPrefix) {
            let path = String(text.dropFirst(Self.documentPrefix.count))
            let source = path.removingPercentEncoding ?? path
            guard !source.isEmpty else { return nil }
            self = .document(source)
        } else if text.hasPrefix(Self.ticketPrefix), let id = UUID(uuidString: String(text.dropFirst(Self.ticketPrefix.count))) {
            self = .ticket(id)
        } else {
            return nil
        }
    }

    /// What a path segment may hold unencoded: RFC 3986's unreserved characters and a few
    /// sub-delimiters that are common in file names.
    private static let segmentCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@")
}
