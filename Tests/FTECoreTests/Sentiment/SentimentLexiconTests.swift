import Foundation
import Testing
@testable import FTECore

@Suite struct SentimentLexiconTests {
    @Test func theInstalledLexiconLoads() throws {
        let path = SentimentLexicon.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("the VADER lexicon is not installed at \(path): run scripts/setup.sh (or set FTE_SENTIMENT_LEXICON)")
            return
        }
        let lexicon = try SentimentLexicon(path: path)
        #expect(lexicon.count > 7000)
        #expect(lexicon["good"] == 1.9)
        #expect(lexicon[":)"] == 2.0)
    }

    @Test func defaultPathFollowsTheModelHome() {
        #expect(SentimentLexicon.defaultPath(["HOME": "/home/ann"]) == "/home/ann/.local/share/fte/models/vader/vader_lexicon.txt")
        #expect(SentimentLexicon.defaultPath(["XDG_DATA_HOME": "/data"]) == "/data/fte/models/vader/vader_lexicon.txt")
        #expect(SentimentLexicon.defaultPath(["FTE_MODEL_HOME": "/m", "XDG_DATA_HOME": "/data"]) == "/m/vader/vader_lexicon.txt")
        #expect(SentimentLexicon.defaultPath(["FTE_SENTIMENT_LEXICON": "/x/lex.txt", "FTE_MODEL_HOME": "/m"]) == "/x/lex.txt")
    }

    @Test func aMissingLexiconNamesItsPathAndTheSetupScript() {
        let path = "/nonexistent/fte/vader_lexicon.txt"
        #expect {
            _ = try SentimentLexicon.fromEnvironment(["FTE_SENTIMENT_LEXICON": path])
        } throws: { error in
            guard let error = error as? SentimentError else { return false }
            return error.code == .lexiconNotFound && error.description.hasPrefix(path + ":")
                && error.description.contains("scripts/setup.sh") && error.description.contains("FTE_SENTIMENT_LEXICON")
        }
    }

    @Test func aFlagWinsOverTheEnvironment() throws {
        let file = NSTemporaryDirectory() + "fte-lexicon-\(UUID().uuidString).txt"
        try "great\t3.1\t0.5\t[3, 3]\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let lexicon = try SentimentLexicon.fromEnvironment(["FTE_SENTIMENT_LEXICON": "/nonexistent"], pathFlag: file)
        #expect(lexicon["great"] == 3.1)
    }

    @Test func aDirectoryIsNotALexicon() {
        #expect {
            _ = try SentimentLexicon(path: NSTemporaryDirectory())
        } throws: { ($0 as? SentimentError)?.code == .lexiconNotFound }
    }

    @Test func aMalformedLineIsNamed() {
        let path = "/tmp/lexicon.txt"
        #expect {
            _ = try SentimentLexicon(contents: "good\t1.9\t0.5\nbad -2.5\n", path: path)
        } throws: { error in
            guard let error = error as? SentimentError else { return false }
            return error.code == .malformedLexicon && error.description == "\(path): line 2 is not 'token<TAB>valence'"
        }
        #expect(throws: SentimentError.self) { _ = try SentimentLexicon(contents: "good\tvery\n", path: path) }
        #expect(throws: SentimentError.self) { _ = try SentimentLexicon(contents: "\n\n", path: path) }
    }

    @Test func parsingKeepsTheMeanAndSkipsBlankLines() throws {
        let lexicon = try SentimentLexicon(contents: "good\t1.9\t0.9\t[2, 2]\r\n\n:(\t-1.9\t0.5\t[-2]\n", path: "x")
        #expect(lexicon.count == 2)
        #expect(lexicon["good"] == 1.9)
        #expect(lexicon[":("] == -1.9)
    }

    @Test func anUnreadableLexiconIsNamed() throws {
        let file = NSTemporaryDirectory() + "fte-lexicon-\(UUID().uuidString).txt"
        try Data([0x67, 0x6F, 0xFF, 0xFE, 0x09, 0x31]).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect {
            _ = try SentimentLexicon(path: file)
        } throws: { ($0 as? SentimentError)?.code == .unreadableLexicon && "\($0)".hasPrefix(file) }
    }
}
