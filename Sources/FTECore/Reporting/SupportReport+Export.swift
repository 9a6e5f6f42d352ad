import Foundation

extension SupportReport {
    /// The report as JSON: every figure with snake_case keys, ISO 8601 dates, pretty printed.
    public func json() throws -> Data {
        try Self.jsonEncoder().encode(self)
    }

    /// How the report and its sections (``KnowledgeGapReport/json()``) are written as JSON.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // snake_case that keeps acronyms whole (`ticketIDs` → `ticket_ids`, where Foundation's
        // `.convertToSnakeCase` writes `ticket_i_ds`).
        encoder.keyEncodingStrategy = .custom { path in
            var snake = ""
            var previous: Character?
            for character in path.last!.stringValue {
                if character.isUppercase, let previous, !previous.isUppercase, previous != "_" { snake.append("_") }
                snake += character.lowercased()
                previous = character
            }
            return JSONKey(snake)
        }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Reads what ``json()`` wrote.
    public static func fromJSON(_ data: Data) throws -> SupportReport {
        let decoder = JSONDecoder()
        // snake_case back to the properties' names, whose acronyms are upper case (`ticket_ids` → `ticketIDs`).
        decoder.keyDecodingStrategy = .custom { path in
            let snake = path.last!.stringValue
            var words = snake.split(separator: "_").map(String.init)
            for index in words.indices.dropFirst() {
                words[index] = switch words[index] {
                case "id": "ID"
                case "ids": "IDs"
                default: words[index].prefix(1).uppercased() + words[index].dropFirst()
                }
            }
            return JSONKey(words.joined())
        }
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SupportReport.self, from: data)
    }

    /// The figures as RFC 4180 CSV in long form, one figure a row: `section,channel,figure,value`
    /// (`channel` is `all` for totals, empty where it does not apply). Shares are fractions,
    /// durations seconds, latencies milliseconds.
    public func csv() -> String {
        var rows: [[String]] = [["section", "channel", "figure", "value"]]
        func add(_ section: String, _ channel: String, _ figure: String, _ value: Double?) {
            rows.append([section, channel, figure, value.map { ReportFormat.trimmed($0, 6) } ?? ""])
        }
        func add(_ section: String, _ channel: String, _ figure: String, _ value: Int) { add(section, channel, figure, Double(value)) }
        add("period", "", "since_epoch_seconds", period.since.timeIntervalSince1970)
        add("period", "", "until_epoch_seconds", period.until.timeIntervalSince1970)
        for (figures, before) in zip(channels, previousChannels) {
            let name = figures.channel.rawValue
            add("volume", name, "conversations", figures.conversations)
            add("volume", name, "messages_in", figures.messages)
            add("volume", name, "escalations", figures.escalations)
            add("sentiment", name, "average", figures.averageSentiment)
            add("sentiment", name, "previous_average", before.averageSentiment)
            add("sentiment", name, "positive", figures.positive)
            add("sentiment", name, "neutral", figures.neutral)
            add("sentiment", name, "negative", figures.negative)
            add("sentiment", name, "unscored", figures.messages - figures.scored)
        }
        for bucket in volume {
            add("volume_by_time", bucket.channel.rawValue, ISO8601Timestamp.string(from: bucket.startsAt), bucket.messages)
        }
        add("customers", "all", "active", customers.active)
        add("customers", "all", "new", customers.new)
        add("customers", "all", "returning", customers.returning)
        add("customers", "all", "multi_channel", customers.multiChannel)
        for outcome in outcomes + [totalOutcomes] {
            let name = outcome.channel?.rawValue ?? "all"
            add("outcomes", name, "tickets", outcome.tickets)
            add("outcomes", name, "answered_by_agent", outcome.answeredByAgent)
            add("outcomes", name, "escalated_waiting", outcome.escalatedWaiting)
            add("outcomes", name, "resolved_by_human", outcome.resolvedByHuman)
            add("outcomes", name, "open", outcome.open)
            add("outcomes", name, "escalated", outcome.escalated)
            add("outcomes", name, "reopened", outcome.reopened)
            add("outcomes", name, "automated", outcome.automated)
            add("outcomes", name, "automation_rate", outcome.automationRate)
            add("outcomes", name, "reopen_rate", outcome.reopenRate)
        }
        for reason in escalationReasons { add("escalation_reasons", "all", reason.reason, reason.tickets) }
        for times in responseTimes {
            let name = times.channel.rawValue
            for (figure, summary) in [("first_response", times.firstResponse), ("agent", times.agent), ("human", times.human),
                                      ("human_handling", times.humanHandling)] {
                add("response_seconds", name, figure + "_p50", summary.p50)
                add("response_seconds", name, figure + "_p90", summary.p90)
                add("response_seconds", name, figure + "_count", summary.count)
            }
        }
        for ticket in negativeTickets {
            add("negative_tickets", ticket.channel.rawValue, ticket.ticketID.lowercasedString, ticket.score)
        }
        for group in knowledgeGaps.groups { add("knowledge_gaps", "all", group.example, group.count) }
        for usage in models {
            add("models", "all", usage.model + " replies", usage.replies)
            add("models", "all", usage.model + " calls", usage.calls)
            add("models", "all", usage.model + " tokens", usage.tokens)
            add("models", "all", usage.model + " call_p50_ms", usage.callP50)
            add("models", "all", usage.model + " call_p95_ms", usage.callP95)
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A JSON object key made at run time.
private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
