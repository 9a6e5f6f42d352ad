import Foundation
import Testing
@testable import FTECore

/// The VADER reference scores made by the real `vaderSentiment` 3.3.2 (see
/// Fixtures/make_vader_reference.py), and the installed lexicon they are compared with.
struct VADERReference: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var text: String
        var compound: Double
        var positive: Double
        var neutral: Double
        var negative: Double

        var testDescription: String { "“\(text)”" }
    }

    var cases: [Case]

    static let path: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vader-reference.json").path

    static func load() throws -> VADERReference {
        let data = try #require(FileManager.default.contents(atPath: path), "fixture not found at \(path)")
        return try JSONDecoder().decode(VADERReference.self, from: data)
    }
}

enum SentimentFixture {
    /// The installed lexicon at its configured default path; fails (not skips) the test when it
    /// is missing.
    static func scorer() throws -> SentimentScorer {
        SentimentScorer(lexicon: try lexicon())
    }

    /// The installed lexicon; fails (not skips) the test when it is missing.
    static func lexicon() throws -> SentimentLexicon {
        let path = SentimentLexicon.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("the VADER lexicon is not installed at \(path): run scripts/setup.sh (or set FTE_SENTIMENT_LEXICON)")
            throw SentimentError(.lexiconNotFound, "lexicon not installed", path: path)
        }
        return try SentimentLexicon(path: path)
    }
}
