import FTECore
import FTETestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct CRMSchemaTests {
    @Test func oneCustomerPerNormalisedIdentifier() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await CRMFixtures.insert(into: client)
                let other = UUID()
                try await client.execute("INSERT INTO customers (id) VALUES (\(other))")
                for (type, value) in [("email", "jane@example.com"), ("whatsapp", "+14155550100")] {
                    do {
                        try await client.execute(
                            "INSERT INTO customer_identifiers (customer_id, type, value) VALUES (\(other), \(type), \(value))")
                        Issue.record("\(type) \(value) was accepted twice")
                    } catch let error as DatabaseError {
                        #expect(error.constraint == "customer_identifiers_type_value_key")
                    }
                }
                // Not normalised: upper-case e-mail, phone without +.
                await #expect(throws: DatabaseError.self) {
                    try await client.execute("INSERT INTO customer_identifiers (customer_id, type, value) VALUES (\(other), 'email', 'Jane@Example.com')")
                }
                await #expect(throws: DatabaseError.self) {
                    try await client.execute("INSERT INTO customer_identifiers (customer_id, type, value) VALUES (\(other), 'phone', '4155550100')")
                }
            }
        }
    }

    @Test func oneMessagePerChannelMessageID() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                try await CRMFixtures.insert(into: client)
                do {
                    try await client.execute(
                        """
                        INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id)
                        VALUES (\(CRMFixtures.janeConversation), 'whatsapp', 'inbound', 'customer', 'again', 'SM00000000000000000000000000000001')
                        """)
                    Issue.record("a redelivered message was stored twice")
                } catch let error as DatabaseError {
                    #expect(error.isUniqueViolation)
                    #expect(error.constraint == "messages_channel_message_key")
                }
                // The same id on another channel is a different message.
                try await client.execute(
                    """
                    INSERT INTO messages (conversation_id, channel, direction, role, content, channel_message_id)
                    VALUES (\(CRMFixtures.janeConversation), 'email', 'inbound', 'customer', 'x', 'SM00000000000000000000000000000001')
                    """)
            }
        }
    }
}
