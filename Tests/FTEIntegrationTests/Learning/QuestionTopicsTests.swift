import FTECore
import FTETestSupport
import Foundation
import Testing

/// ``QuestionTopics``: questions join the topic they are on average similar to, the vectors and
/// topics are stored once (a second report embeds and assigns nothing), each similarity is a
/// grouping of its own, and the worker assigns the questions it escalates as it answers them.
@Suite(.timeLimit(.minutes(6))) struct QuestionTopicsTests {
    /// An embedder with a fixed vector per text, counting the texts it embeds.
    final class FixedVectors: Embedder, @unchecked Sendable {
        let modelName = "fixed-3"
        let dimension = 3
        let vectors: [String: [Float]]
        private let lock = NSLock()
        private var embeddedTexts = 0

        init(_ vectors: [String: [Float]]) { self.vectors = vectors }

        var embedded: Int { lock.withLock { embeddedTexts } }

        func embed(_ texts: [String]) async throws -> [[Float]] {
            lock.withLock { embeddedTexts += texts.count }
            return texts.map { vectors[$0] ?? [0, 0, 1] }
        }
    }

    /// cos(pdf, csv) = 0.8, cos(pdf, dark) = 0, cos(csv, dark) = 0.6.
    static let embedder = FixedVectors([
        "Export to PDF?": [1, 0, 0], "Export to CSV?": [0.8, 0.6, 0], "Dark mode?": [0, 1, 0],
    ])

    @Test func questionsJoinTheTopicTheyAreOnAverageSimilarTo() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let questions = try await Self.ask(client, ["Export to PDF?", "Export to CSV?", "Dark mode?", "Export to PDF?"])
                let topics = QuestionTopics(database: client, vectors: QuestionVectors(database: client, embedder: Self.embedder))
                let groups = try await topics.group(questions)
                // CSV joins PDF's topic (0.8); dark mode is 0.6 like CSV but 0 like PDF (asked twice): 0.2 on average,
                // a topic of its own, and a group of its own at 0.5.
                #expect(groups.map(\.texts) == [[[0, 3], [1]], [[2]]], "PDF (asked twice) is the most typical of its topic")
                #expect(try await Self.count(client, "SELECT 1 FROM question_vectors") == 4)
                #expect(try await Self.count(client, "SELECT 1 FROM question_topic_members") == 4)
                let sizes: [Int] = try await client.query("SELECT questions FROM question_topics ORDER BY id").map { try $0.decode("questions") }
                #expect(sizes == [3, 1])
                let sum: PGVector = try await client.query("SELECT vector_sum FROM question_topics ORDER BY id LIMIT 1")[0].decode("vector_sum")
                #expect(zip(sum.values, [2.8, 0.6, 0] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 }, "the members' unit vectors added up, the repeat twice: \(sum.values)")
            }
        }
    }

    @Test func storedTopicsAreReadNotComputedAgain() async throws {
        try await withTestDatabase { db in
            try await db.withClient { client in
                let questions = try await Self.ask(client, ["Export to PDF?", "Export to CSV?", "Dark mode?"])
                let embedder = FixedVectors(Self.embedder.vectors)
                let vectors = QuestionVectors(database: client, embedder: embedder)
                let first = try await QuestionTopics(database: client, vectors: vectors).group(questions)
                #expect(embedder.embedded == 3)
                let again = try await QuestionTopics(database: client, vectors: vectors).group(questions)
                #expect(again == first && embedder.embedded == 3, "nothing embedded the second time")
                #expect(try await Self.count(client, "SELECT 1 FROM question_topics") == 2)

                // Another similarity is another grouping, from the stored vectors: at 0.9 CSV is alone.
                let strict = try await QuestionTopics(database: client, vectors: vectors, similarity: 0.9).group(questions)
                #expect(strict.map(\.texts) == [[[0]], [[1]], [[2]]] && embedder.embedded == 3)
                #expect(try await Self.count(client, "SELECT 1 FROM question_groupings") == 2)

                // A new message joins the stored topic (only it is embedded); the earlier ones keep
                // theirs. CSV, now two of three members, is the topic's most typical wording.
                let later = try await Self.ask(client, ["Export to CSV?"])
                let all = try await QuestionTopics(database: client, vectors: vectors).group(questions + later)
                #expect(all.map(\.texts) == [[[1, 3], [0]], [[2]]] && embedder.embedded == 4)
            }
        }
    }

    @Test func theWorkerGroupsTheQuestionsItEscalatesAsItAnswers() async throws {
        try await LearningLoopTests.withQuestionsAsked(idBase: 4) { db, client, worker, _ in
            let grouped = try await RunningWorker.waitUntil {
                try await Self.count(client, "SELECT 1 FROM question_topic_members") == 3
            }
            try await worker.stop()
            #expect(grouped, "each escalated question assigned a topic by the worker")
            #expect(try await Self.count(
                client,
                """
                SELECT 1 FROM question_vectors q JOIN messages m ON m.id = q.message_id
                WHERE m.direction = 'inbound' AND q.embed_model = 'all-MiniLM-L6-v2'
                """) == 3)
            // And each question's cleaned text, so reports need not clean it again (migration 32).
            #expect(try await Self.count(
                client, "SELECT 1 FROM question_texts WHERE cleaner = \(QuestionText.version) AND text <> ''") == 3)
            // The gaps list reads the worker's topics.
            let gaps = try await FTEBinary.run(["kb", "candidates", "gaps", "--format", "json"], environment: ["FTE_DATABASE_URL": db.url])
            #expect(gaps.status == 0, "\(gaps.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any])
            #expect(report["questions"] as? Int == 3 && report["group_count"] as? Int == 1, "\(gaps.stdout)")
            #expect(!gaps.stderr.contains("embedding questions"), "nothing left to embed: \(gaps.stderr)")
        }
    }

    // MARK: - Fixtures

    /// One customer's inbound e-mails, a minute apart, as questions.
    static func ask(_ client: Database, _ texts: [String]) async throws -> [Question] {
        let (customer, conversation) = (UUID(), UUID())
        try await client.execute("INSERT INTO customers (id, name) VALUES (\(customer), 'Jo Tester')")
        try await client.execute(
            """
            INSERT INTO conversations (id, customer_id, initial_channel, last_channel) VALUES (\(conversation), \(customer), 'email', 'email')
            """)
        let start = Date().addingTimeInterval(-3600)
        var questions: [Question] = []
        for (index, text) in texts.enumerated() {
            let id = UUID()
            let at = start.addingTimeInterval(Double(index) * 60)
            try await client.execute(
                """
                INSERT INTO messages (id, conversation_id, channel, direction, role, content, channel_message_id, delivery_status, created_at)
                VALUES (\(id), \(conversation), 'email', 'inbound', 'customer', \(text), \("mail-" + id.uuidString), 'received', \(at))
                """)
            questions.append(Question(messageID: id, ticketID: nil, channel: .email, text: text, askedAt: at))
        }
        return questions
    }

    static func count(_ client: Database, _ sql: SQLQuery) async throws -> Int {
        try await client.query(sql).count
    }
}
