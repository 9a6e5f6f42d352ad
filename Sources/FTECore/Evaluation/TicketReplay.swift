import Foundation

/// Turns recorded tickets that a person resolved into scenarios, the person's outcome as the
/// expectation, so a new prompt, model or knowledge base is tested against last week's real
/// conversations before it goes live (`fte eval --from-tickets --since 7d`).
///
/// A ticket resolved by a person (not the agent) becomes one scenario: its customer's inbound
/// messages in order, on its channel. The expectation is what the person's handling shows:
/// - it was escalated, or a person replied: the case needed a human, so the replay must hand it
///   over too (`escalate: true`);
/// - a person closed it with the agent's answer standing: the replay must answer, not escalate,
///   and cite the documents that answer cited.
///
/// It only reads the CRM.
public enum TicketReplay {
    /// The scenarios of tickets a person resolved at or after `since`, oldest first.
    /// - Parameter limit: the most tickets to read.
    public static func scenarios(since: Date, limit: Int = 500, in database: Database) async throws -> [Scenario] {
        let tickets = try await database.query(
            """
            SELECT t.id, t.source_channel, t.subject, c.name AS customer_name,
                   EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = t.id)
                       OR EXISTS (SELECT 1 FROM messages h WHERE h.ticket_id = t.id AND h.answered_by = 'human') AS needed_person,
                   (SELECT string_agg(DISTINCT s.source, E'\\n')
                    FROM messages r, jsonb_to_recordset(coalesce(r.sources, '[]'::jsonb)) AS s(source text)
                    WHERE r.ticket_id = t.id AND r.direction = 'outbound' AND r.answered_by IN ('model', 'builtin')) AS cited
            FROM tickets t JOIN customers c ON c.id = t.customer_id
            WHERE t.status = 'resolved' AND t.resolved_by IS DISTINCT FROM 'agent' AND t.resolved_at >= \(since)
            ORDER BY t.resolved_at, t.id
            LIMIT \(limit)
            """)
        guard !tickets.isEmpty else { return [] }
        let ids: [UUID] = try tickets.map { try $0.decode("id") }
        var messages: [UUID: [String]] = [:]
        for row in try await database.query(
            """
            SELECT ticket_id, content FROM messages
            WHERE ticket_id = ANY(\(ids)) AND direction = 'inbound' AND role = 'customer'
            ORDER BY created_at, id
            """) {
            messages[try row.decode("ticket_id"), default: []].append(try row.decode("content"))
        }
        return try tickets.compactMap { row -> Scenario? in
            let id: UUID = try row.decode("id")
            guard let channel = Channel(rawValue: try row.decode("source_channel")), let texts = messages[id], !texts.isEmpty else {
                return nil
            }
            let neededPerson: Bool = try row.decode("needed_person")
            let cited = (try row.decode("cited", as: String?.self))?.split(separator: "\n").map(String.init) ?? []
            let expect = neededPerson
                ? ScenarioExpectation(escalate: true)
                : ScenarioExpectation(escalate: false, cite: cited.isEmpty ? nil : cited)
            let subject: String? = try row.decode("subject")
            var turns = texts.map { Scenario.Turn(message: $0, subject: channel == .whatsapp ? nil : subject) }
            turns[turns.count - 1].expect = expect
            return Scenario(
                id: "ticket-\(id.lowercasedString)",
                description: neededPerson ? "needed a person" : "answered by the agent, closed by a person",
                channel: channel, customer: Scenario.Customer(name: try row.decode("customer_name")), turns: turns)
        }
    }
}
