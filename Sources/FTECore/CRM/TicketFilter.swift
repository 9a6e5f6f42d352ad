import Foundation

/// Which tickets `TicketStore.list` returns, newest first.
public struct TicketFilter: Sendable {
    public var status: TicketStatus?
    public var channel: Channel?
    /// Only tickets of the customer with this e-mail address or phone number.
    public var customer: ContactAddress?
    /// Only tickets of the customer with this id.
    public var customerID: UUID?
    /// Only tickets created at or after this instant.
    public var since: Date?
    /// At most this many tickets (1...10,000).
    public var limit: Int

    public init(
        status: TicketStatus? = nil, channel: Channel? = nil, customer: ContactAddress? = nil, customerID: UUID? = nil,
        since: Date? = nil, limit: Int = 50
    ) {
        self.status = status
        self.channel = channel
        self.customer = customer
        self.customerID = customerID
        self.since = since
        self.limit = limit
    }

    /// The `WHERE` clause for these filters (an empty fragment when there are none).
    var whereClause: SQLQuery {
        var conditions: [SQLQuery] = []
        if let status { conditions.append("t.status = \(status.rawValue)") }
        if let channel { conditions.append("t.source_channel = \(channel.rawValue)") }
        switch customer {
        case .email(let email):
            conditions.append(
                "t.customer_id IN (SELECT customer_id FROM customer_identifiers WHERE type = 'email' AND value = \(email))")
        case .phone(let phone):
            conditions.append(
                "t.customer_id IN (SELECT customer_id FROM customer_identifiers WHERE type IN ('phone', 'whatsapp') AND value = \(phone))")
        case nil: break
        }
        if let customerID { conditions.append("t.customer_id = \(customerID)") }
        if let since { conditions.append("t.created_at >= \(since)") }
        var clause: SQLQuery = ""
        for (i, condition) in conditions.enumerated() {
            clause.append(i == 0 ? "WHERE " : " AND ")
            clause.append(condition)
        }
        return clause
    }
}

extension TicketFilter {
    /// The oldest age `--since` takes, in seconds: 100 years (ticket data is not older).
    public static let maxSinceAge: TimeInterval = 100 * 366 * 86_400
    /// The dates `--since` takes: from the Unix epoch to the end of year 9999.
    public static let sinceDates = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799)

    /// Parses `--since`: an ISO 8601 date or date-time from 1970 to 9999 that exists on the
    /// calendar, or a relative age like `30m`, `24h`, `7d` of at most ``maxSinceAge``.
    /// - Returns: `nil` when the text is neither, or out of those ranges.
    public static func parseSince(_ text: String, now: Date = Date()) -> Date? {
        let trimmed = text.trimmingWhitespace()
        if let unit = trimmed.last, let seconds = ageUnits[unit], let amount = Double(trimmed.dropLast()) {
            guard amount.isFinite, amount >= 0, amount * seconds <= maxSinceAge else { return nil }
            return now.addingTimeInterval(-amount * seconds)
        }
        guard let date = PostgresTimestamp.parse(trimmed), sinceDates.contains(date) else { return nil }
        return date
    }

    /// Seconds in each age unit `--since` takes.
    private static let ageUnits: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
}
