import Foundation
import Testing
@testable import FTECore

@Suite struct ReplyShaperTests {
    private let shaper = ReplyShaper(companyName: "Nimbus Boards")

    private func context(_ channel: Channel, name: String? = "Jane Doe", earlier: EarlierContact? = nil) -> ShapingContext {
        ShapingContext(channel: channel, customerName: name, ticketReference: "WF-7K3Q", earlierContact: earlier)
    }

    /// `count` sentences of eight words each, numbered so each can be found.
    private func sentences(_ count: Int) -> [String] {
        (1...count).map { "Sentence number \($0) has exactly eight words here." }
    }

    // MARK: Email

    @Test func emailIsAFormalLetter() {
        let reply = shaper.shape("Open Settings and choose Export.\n\nThe file arrives by email.", for: context(.email))
        #expect(reply.messages == ["""
            Dear Jane Doe,

            Open Settings and choose Export.

            The file arrives by email.

            Ticket reference: WF-7K3Q

            Kind regards,
            Nimbus Boards Support
            """])
        #expect(!reply.wasShortened)
    }

    @Test func emailWithoutANameSaysHello() {
        for name in [nil, "", "   "] as [String?] {
            let text = shaper.shape("Thanks.", for: context(.email, name: name)).messages[0]
            #expect(text.hasPrefix("Hello,\n\nThanks."))
        }
    }

    @Test func emailIsCutToTheWordLimitAtASentenceBoundary() throws {
        let body = sentences(80).joined(separator: " ")  // 640 words
        let reply = shaper.shape(body, for: context(.email))
        let text = try #require(reply.messages.first)
        #expect(reply.wasShortened)
        #expect(text.wordCount <= 500)
        #expect(text.wordCount > 480)
        #expect(text.contains("Ticket reference: WF-7K3Q") && text.hasSuffix("Kind regards,\nNimbus Boards Support"))
        // Every kept sentence is whole, and the kept ones are the first ones.
        let bodyPart = text.components(separatedBy: "\n\n")[1]
        let kept = SentenceSplitter.split(bodyPart)
        #expect(kept == Array(sentences(80).prefix(kept.count)))
    }

    @Test func aFirstSentenceOverTheLimitIsCutBetweenWords() throws {
        let body = Array(repeating: "long", count: 600).joined(separator: " ") + "."
        let text = try #require(shaper.shape(body, for: context(.email)).messages.first)
        #expect(text.wordCount <= 500)
        #expect(text.contains("long long…\n\nTicket reference"))
    }

    // MARK: Web form

    @Test func webFormIsSemiFormalWithinThreeHundredWords() throws {
        let reply = shaper.shape(sentences(50).joined(separator: " "), for: context(.webForm))
        let text = try #require(reply.messages.first)
        #expect(reply.messages.count == 1)
        #expect(text.hasPrefix("Hi Jane,\n\nSentence number 1 "))
        #expect(text.contains("\n\nTicket reference: WF-7K3Q\n\n"))
        #expect(text.hasSuffix("Best regards,\nNimbus Boards Support"))
        #expect(text.wordCount <= 300 && reply.wasShortened)
        #expect(shaper.shape("Thanks.", for: context(.webForm, name: nil)).messages[0].hasPrefix("Hi,\n\nThanks."))
    }

    // MARK: WhatsApp

    @Test func whatsAppIsConversationalWithoutSignOff() {
        let reply = shaper.shape("Tap Settings, then Export. Done!", for: context(.whatsapp))
        #expect(reply.messages == ["Hi Jane!\nTap Settings, then Export. Done!\n\nYour ticket reference is WF-7K3Q."])
        #expect(shaper.shape("Done.", for: context(.whatsapp, name: nil)).messages[0].hasPrefix("Hi there!\nDone."))
    }

    @Test func longWhatsAppRepliesSplitAtSentenceBoundaries() {
        let all = sentences(60)  // 60 × 50 characters
        let reply = shaper.shape(all.joined(separator: " "), for: context(.whatsapp))
        #expect(reply.messages.count == 2)
        for part in reply.messages {
            #expect(part.utf16.count <= 1600)
            #expect(!part.isEmpty)
        }
        // No sentence is cut: the parts' sentences are exactly the input's, in order.
        let partSentences = reply.messages.flatMap { SentenceSplitter.split($0) }
        #expect(partSentences == ["Hi Jane!"] + all + ["Your ticket reference is WF-7K3Q."])
    }

    @Test func aSentenceOverTheMessageLimitSplitsBetweenWords() {
        let words = (1...400).map { "word\($0)" }  // about 2,700 characters, one sentence
        let reply = shaper.shape(words.joined(separator: " ") + ".", for: context(.whatsapp))
        #expect(reply.messages.count >= 2)
        for part in reply.messages {
            #expect(part.utf16.count <= 1600 && !part.isEmpty)
        }
        let partWords = reply.messages.joined(separator: " ").split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(partWords == ["Hi", "Jane!"] + words.dropLast() + ["word400."] + ["Your", "ticket", "reference", "is", "WF-7K3Q."])
    }

    @Test func aWordOverTheMessageLimitIsTheOnlyThingCut() {
        let link = "https://example.com/" + String(repeating: "a", count: 2000)
        let reply = shaper.shape("See \(link) now.", for: context(.whatsapp))
        for part in reply.messages {
            #expect(part.utf16.count <= 1600 && !part.isEmpty)
        }
        #expect(reply.messages.allSatisfy { !$0.contains(link) })
        #expect(reply.messages.joined().contains(link))  // cut between characters, nothing lost
        #expect(reply.messages.first == "Hi Jane!\nSee")
    }

    @Test func partSizeCountsUTF16Units() {
        let shaper = ReplyShaper(limits: ReplyLimits(whatsAppMessageCharacters: 40))
        let reply = shaper.shape("😀😀😀😀😀😀😀😀😀😀😀😀. Second one here.", for: context(.whatsapp, name: nil))
        for part in reply.messages {
            #expect(part.utf16.count <= 40 && !part.isEmpty)
        }
    }

    // MARK: Replies people write

    @Test func aPersonsReplyIsSentAsWrittenOnEmailAndTheWebForm() {
        let body = sentences(200).joined(separator: " ") + "\n\nAna"
        for channel in [Channel.email, .webForm] {
            let reply = shaper.verbatim(body, for: channel)
            #expect(reply.messages == [body], "no greeting, sign-off or word limit on \(channel)")
            #expect(!reply.wasShortened)
        }
    }

    @Test func aPersonsLongWhatsAppReplySplitsAtSentenceBoundariesOnly() {
        let all = sentences(60)
        let reply = shaper.verbatim(all.joined(separator: " "), for: .whatsapp)
        #expect(reply.messages.count == 2)
        for part in reply.messages {
            #expect(part.utf16.count <= 1600 && part.hasSuffix("here."))
        }
        #expect(reply.messages.joined(separator: " ") == all.joined(separator: " "))
        #expect(!reply.messages[0].hasPrefix("Hi"), "nothing is added")
    }

    // MARK: Earlier contact

    @Test func earlierContactIsAcknowledged() {
        #expect(ReplyShaper.acknowledgement(ofEarlierContact: EarlierContact(channel: .email, topic: "Login fails"))
            == "I see you wrote to us by email about “Login fails”.")
        #expect(ReplyShaper.acknowledgement(ofEarlierContact: EarlierContact(channel: .whatsapp))
            == "I see you wrote to us on WhatsApp earlier.")
        #expect(ReplyShaper.acknowledgement(ofEarlierContact: EarlierContact(channel: .webForm, topic: "  Re: RE:  \"Export\n broken\" "))
            == "I see you wrote to us through our support form about “Export broken”.")
        #expect(ReplyShaper.acknowledgement(ofEarlierContact: EarlierContact(channel: .email, topic: " Fwd: "))
            == "I see you wrote to us by email earlier.")
    }

    @Test func longTopicsAreShortenedAtAWord() throws {
        let topic = Array(repeating: "export", count: 30).joined(separator: " ")
        let sentence = ReplyShaper.acknowledgement(ofEarlierContact: EarlierContact(channel: .email, topic: topic))
        let quoted = try #require(sentence.split(separator: "“").last?.split(separator: "”").first)
        #expect(quoted.count <= 81 && quoted.hasSuffix("export…"))
    }

    @Test func theShapedReplyStartsWithTheAcknowledgement() {
        let reply = shaper.shape("Here is how to reset it.", for: context(.webForm, earlier: EarlierContact(channel: .whatsapp, topic: "Password")))
        #expect(reply.messages[0].hasPrefix("Hi Jane,\n\nI see you wrote to us on WhatsApp about “Password”. Here is how to reset it."))
    }

    // MARK: Configuration and determinism

    @Test func companyNameComesFromTheEnvironment() {
        #expect(ReplyShaper.fromEnvironment(["FTE_COMPANY_NAME": "Acme"]).companyName == "Acme")
        #expect(ReplyShaper.fromEnvironment([:]).companyName == "Nimbus Boards")
    }

    /// The same body and context give this text, worked out by hand from the rules: a golden
    /// output, which shaping that depended on hashing order, randomness or the clock would miss
    /// (comparing two calls in one process could not tell).
    @Test func shapingGivesTheTextTheRulesDetermine() {
        let body = sentences(70).joined(separator: " ")  // 560 words, sentences 1–9 of 47 characters, then 48
        let all = sentences(70)
        // E-mail: "Dear Jane Doe," (3 words), the reference (3) and the sign-off (4) leave 490 words: 61 sentences.
        let email: String = "Dear Jane Doe,\n\n" + all.prefix(61).joined(separator: " ")
            + "\n\nTicket reference: WF-7K3Q\n\nKind regards,\nNimbus Boards Support"
        #expect(shaper.shape(body, for: context(.email)).messages == [email])
        // Web: "Hi Jane," (2), the reference (3) and the sign-off (4) leave 291 words: 36 sentences.
        let web: String = "Hi Jane,\n\n" + all.prefix(36).joined(separator: " ")
            + "\n\nTicket reference: WF-7K3Q\n\nBest regards,\nNimbus Boards Support"
        #expect(shaper.shape(body, for: context(.webForm)).messages == [web])
        // WhatsApp: whole sentences packed into 1,600 characters: "Hi Jane!" and sentences 1–32
        // (1,567 characters), 33–64 (1,567), then 65–70 and the reference.
        let first: String = "Hi Jane!\n" + all[0..<32].joined(separator: " ")
        let second: String = all[32..<64].joined(separator: " ")
        let third: String = all[64..<70].joined(separator: " ") + "\n\nYour ticket reference is WF-7K3Q."
        #expect(shaper.shape(body, for: context(.whatsapp)).messages == [first, second, third])
    }
}
