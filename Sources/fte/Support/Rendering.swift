import FTECore
import Foundation

/// Turns rows of strings into an aligned text table or CSV, and values into JSON.
enum Rendering {
    /// An aligned table with a header; cells longer than `maxWidth` are cut with `…`.
    static func table(header: [String], rows: [[String]], maxWidth: Int = 48) -> String {
        let clipped = rows.map { $0.map { clip(oneLine($0), to: maxWidth) } }
        var widths = header.map(\.count)
        for row in clipped {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + clipped.map(line)).joined(separator: "\n")
    }

    /// RFC 4180 CSV with a header row.
    static func csv(header: [String], rows: [[String]]) -> String {
        func field(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// Pretty JSON with sorted keys and ISO 8601 dates.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // Foundation pretty-prints an empty array as "[\n\n]"; scripts expect "[]".
        return text.filter { !$0.isWhitespace } == "[]" ? "[]" : text
    }

    /// `2026-11-25T05:44:00Z` (UTC, seconds).
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    /// `2026-11-25 05:44` for tables.
    static func shortTimestamp(_ date: Date) -> String {
        let text = timestamp(date)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func clip(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
