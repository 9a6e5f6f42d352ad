import Foundation

extension JSONEncoder {
    /// How fte's APIs (the admin endpoints, `fte mcp`) write records: sorted keys, unescaped
    /// slashes, and dates as ISO 8601 UTC timestamps with milliseconds (``ISO8601Timestamp``).
    /// - Parameter prettyPrinted: indent for people and models to read.
    public static func records(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Timestamp.string(from: date))
        }
        return encoder
    }
}
