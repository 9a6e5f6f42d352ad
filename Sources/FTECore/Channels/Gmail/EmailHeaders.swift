import Foundation

/// One header line (`name`, `value`) as the Gmail API lists it.
public struct EmailHeader: Sendable, Equatable, Decodable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A message's headers, looked up by name case-insensitively (`Message-ID` and `Message-Id`
/// are the same header). Folded values (CRLF + whitespace) are unfolded.
public struct EmailHeaders: Sendable, Equatable {
    public var headers: [EmailHeader]

    public init(_ headers: [EmailHeader]) {
        self.headers = headers
    }

    /// The first value of `name`, unfolded and trimmed; nil when absent or blank.
    public subscript(name: String) -> String? {
        all(name).first
    }

    /// Every non-blank value of `name`, in order.
    public func all(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }
            .map { Self.unfold($0.value) }
            .filter { !$0.isEmpty }
    }

    /// The value of `name` with RFC 2047 encoded words decoded (for `Subject`).
    public func decoded(_ name: String) -> String? {
        self[name].map(EncodedWordDecoder.decode)
    }

    private static func unfold(_ value: String) -> String {
        value.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
            .map { String($0).trimmingWhitespace() }
            .joined(separator: " ")
            .trimmingWhitespace()
    }

    /// The `charset` parameter of `Content-Type`, lower-cased, without quotes.
    var charset: String? {
        guard let contentType = self["Content-Type"] else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingWhitespace().lowercased() == "charset" else { continue }
            return String(pair[1]).trimmingWhitespace().trimmingCharacters(in: ["\"", "'"]).lowercased()
        }
        return nil
    }
}
