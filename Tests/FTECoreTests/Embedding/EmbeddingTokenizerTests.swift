import Testing
@testable import FTECore

@Suite struct EmbeddingTokenizerTests {
    @Test func tokenIDsMatchReferenceForEveryFixtureCase() throws {
        let fixture = try EmbeddingFixture.load()
        let embedder = try EmbeddingFixture.embedder()
        #expect(fixture.cases.count == 30)
        for testCase in fixture.cases {
            #expect(embedder.tokenIDs(testCase.text) == testCase.input_ids, "text: \(testCase.text.debugDescription)")
        }
    }

    @Test func specialTokensAreRecognisedOnlyVerbatim() throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.tokenIDs("[SEP]") == [101, 102, 102])
        #expect(embedder.tokenIDs("a[MASK]b") == [101, 1037, 103, 1038, 102])
        // Case matters: lower-case brackets are ordinary punctuation and words.
        #expect(embedder.tokenIDs("[sep]") == embedder.tokenIDs("[ sep ]"))
        #expect(!embedder.tokenIDs("[sep]").dropFirst().dropLast().contains(102))
    }

    @Test func truncatesToMaxSequenceLengthKeepingSeparator() throws {
        let embedder = try EmbeddingFixture.embedder()
        let ids = embedder.tokenIDs(String(repeating: "word ", count: 1000))
        #expect(ids.count == 256)
        #expect(ids.first == 101)
        #expect(ids.last == 102)
    }

    @Test func emptyAndWhitespaceTextsAreJustClassifierAndSeparator() throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.tokenIDs("") == [101, 102])
        #expect(embedder.tokenIDs(" \t\n\u{0}\u{FFFD} ") == [101, 102])
    }

    @Test func controlCharactersAreDroppedWithoutSplittingWords() throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.tokenIDs("pass\u{0}word") == embedder.tokenIDs("password"))
        #expect(embedder.tokenIDs("pass\u{200B}word") == embedder.tokenIDs("password"))  // Cf
    }

    @Test func overlongWordIsUnknown() throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.tokenIDs(String(repeating: "a", count: 101)) == [101, 100, 102])
        #expect(embedder.tokenIDs(String(repeating: "a", count: 100)).count > 3)
    }

    @Test func accentsAndCaseFoldLikeASCII() throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.tokenIDs("CAFÉ Résumé") == embedder.tokenIDs("cafe resume"))
        // Decomposed input (e + combining acute) is the same as precomposed.
        #expect(embedder.tokenIDs("cafe\u{301}") == embedder.tokenIDs("café"))
    }

    /// Non-ASCII words go through the normaliser, the ASCII around them the ASCII path: the ids
    /// are those of the whole text normalised at once.
    @Test func asciiAroundNonASCIIWordsTokenizesAsOneText() throws {
        let embedder = try EmbeddingFixture.embedder()
        #expect(embedder.tokenIDs("Open SETTINGS → Security, then CAFÉ.") == embedder.tokenIDs("open settings → security, then cafe."))
        #expect(embedder.tokenIDs("naïve\tRésumé\nx") == embedder.tokenIDs("naive resume x"))
        #expect(embedder.tokenIDs("a \u{301}b") == embedder.tokenIDs("a b"))  // a lone combining mark
        #expect(embedder.tokenIDs("x\u{3000}y") == embedder.tokenIDs("x y"))  // Unicode whitespace
        #expect(embedder.tokenIDs("東京[SEP]é") == embedder.tokenIDs("東 京 [SEP] e"))
    }

    @Test func vocabularyLooksUpExactBytes() {
        let vocabulary = Vocabulary(fileContents: Array("[PAD]\nhello\n##lo\ncafé\n".utf8))
        #expect(vocabulary.count == 4)
        #expect(vocabulary.id(of: "hello") == 1)
        #expect(vocabulary.id(of: "##lo") == 2)
        #expect(vocabulary.id(of: "café") == 3)
        #expect(vocabulary.id(of: "cafe\u{301}") == nil)  // canonically equal, different bytes
        Array("lo".utf8).withUnsafeBufferPointer { lo in
            #expect(vocabulary.id(of: lo, continuation: true) == 2)
            #expect(vocabulary.id(of: lo, continuation: false) == nil)
        }
    }
}
