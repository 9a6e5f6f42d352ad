import Foundation
import Testing
@testable import FTECore

/// The simulator's traffic plan: deterministic, the planned volumes and identities, arrivals
/// that follow the daily curve, and ground truth the real escalation triggers agree with.
@Suite struct TrafficPlanTests {
    /// `samples/knowledge-base-questions.jsonl` at the repository's root.
    static let questionsURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/knowledge-base-questions.jsonl")

    private static func plan(
        _ volumes: TrafficVolumes = TrafficVolumes(), hours: Double = 24, seed: UInt64 = 1
    ) throws -> TrafficPlan {
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        return try TrafficPlan.generate(
            volumes: volumes, hours: hours, seed: seed, questions: SampleQuestion.load(from: questionsURL),
            sentiment: { assessor.assess($0).score })
    }

    /// Messages by persona, in planning order.
    private static func messagesByPersona(_ plan: TrafficPlan) -> [Int: [PlannedMessage]] {
        Dictionary(grouping: plan.messages.sorted { $0.id < $1.id }, by: \.persona)
    }

    // MARK: Determinism

    @Test func theSameSeedGivesTheSamePlanAndOthersDiffer() throws {
        let first = try Self.plan(seed: 42)
        #expect(try Self.plan(seed: 42) == first)
        #expect(try Self.plan(seed: 43) != first)
        #expect(try Self.plan(seed: 43).messages.map(\.text) != first.messages.map(\.text))
        let decoded = try JSONDecoder().decode(TrafficPlan.self, from: JSONEncoder().encode(first))
        #expect(decoded == first)
    }

    @Test func seededGeneratorIsStable() {
        // SplitMix64's published first outputs for seed 0, so plans stay the same across toolchains.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        for bound in [1, 2, 7, 1000] {
            #expect((0..<100).allSatisfy { _ in (0..<bound).contains(generator.int(below: bound)) })
        }
    }

    // MARK: Volumes and people

    @Test(arguments: [TrafficVolumes(), TrafficVolumes(webSubmissions: 7, emails: 3, whatsAppMessages: 9, multiChannelPeople: 4)])
    func plansExactlyTheVolumes(volumes: TrafficVolumes) throws {
        let plan = try Self.plan(volumes)
        var singleChannel: [Channel: Int] = [:]
        var multiChannel = 0, allThree = 0
        for (personaID, messages) in Self.messagesByPersona(plan) {
            let channels = Set(messages.map(\.channel))
            let persona = plan.personas[personaID]
            if channels.count == 1 {
                singleChannel[messages[0].channel, default: 0] += messages.count
                #expect(messages.count <= 2)
                continue
            }
            multiChannel += 1
            if channels.count == 3 { allThree += 1 }
            #expect(messages.count == channels.count, "one message per channel")
            let first = try #require(messages.min { ($0.at, $0.id) < ($1.at, $1.id) })
            #expect(first.channel == .webForm && first.id == messages[0].id, "the web form comes first")
            #expect(persona.email != nil && persona.phone != nil, "the web form carries both identifiers")
        }
        #expect(singleChannel[.webForm] == volumes.webSubmissions)
        #expect(singleChannel[.email] == volumes.emails)
        #expect(singleChannel[.whatsapp] == volumes.whatsAppMessages)
        #expect(multiChannel == volumes.multiChannelPeople)
        #expect(allThree * 3 >= multiChannel * 2, "at least two thirds use all three channels")
        #expect(plan.messages.map(\.id).sorted() == Array(0..<plan.messages.count))
        #expect(Set(plan.messages.map(\.persona)) == Set(plan.personas.indices))
    }

    @Test func someSingleChannelPeopleWriteTwice() throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: 3))
        let repeaters = Self.messagesByPersona(plan).values.filter { $0.count == 2 && $0[0].channel == $0[1].channel }
        for channel in Channel.allCases {
            #expect(repeaters.contains { $0[0].channel == channel }, "someone writes twice on \(channel)")
        }
        for pair in repeaters where pair[0].channel == .email {
            #expect(pair[1].subject == "Re: " + (pair[0].subject ?? ""))
        }
    }

    @Test func identifiersAreUniqueRealisticAndFitTheChannels() throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: 5), seed: 7)
        let emails = plan.personas.compactMap(\.email)
        let phones = plan.personas.compactMap(\.phone)
        #expect(Set(emails).count == emails.count)
        #expect(Set(phones).count == phones.count)
        for email in emails {
            #expect(ContactAddress.normalizedEmail(email) == email && email == email.lowercased())
            #expect(["@example.com", "@example.org", "@example.net"].contains { email.hasSuffix($0) }, "\(email)")
        }
        for phone in phones {
            #expect(ContactAddress.normalizedPhone(phone) == phone)
            #expect((phone.hasPrefix("+1555") && phone.count == 12) || (phone.hasPrefix("+447700900") && phone.count == 13), "\(phone)")
        }
        var webOnly = 0, webOnlyWithPhone = 0
        for (personaID, messages) in Self.messagesByPersona(plan) {
            let persona = plan.personas[personaID]
            #expect(WebFormRules.nameLength.contains(persona.name.count))
            switch Set(messages.map(\.channel)) {
            case [.whatsapp]: #expect(persona.email == nil && persona.phone != nil)
            case [.email]: #expect(persona.email != nil && persona.phone == nil)
            case [.webForm]:
                #expect(persona.email != nil)
                webOnly += 1
                if persona.phone != nil { webOnlyWithPhone += 1 }
            default: #expect(persona.email != nil && persona.phone != nil)
            }
        }
        let phoneShare = Double(webOnlyWithPhone) / Double(webOnly)
        #expect(phoneShare > 0.2 && phoneShare < 0.4, "about 30 % of web-form-only people give a phone: \(phoneShare)")
    }

    // MARK: Time

    @Test(arguments: [0.5, 1, 24, 30])
    func arrivalsAreSortedAndWithinTheRun(hours: Double) throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: max(0.2, hours / 24)), hours: hours, seed: 3)
        let horizon = hours * 3600
        #expect(plan.hours == hours)
        #expect(plan.messages.allSatisfy { $0.at >= 0 && $0.at < horizon })
        #expect(plan.messages.allSatisfy { message in message.redeliveries.allSatisfy { message.at + $0 < horizon } })
        #expect(zip(plan.messages, plan.messages.dropFirst()).allSatisfy { ($0.at, $0.id) < ($1.at, $1.id) })
    }

    @Test func arrivalsFollowTheDailyCurve() throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: 10), seed: 11)
        let hours = plan.messages.map { $0.at / 3600 }
        let working = hours.filter { $0 >= 9 && $0 < 17 }.count
        let night = hours.filter { $0 < 6 }.count
        #expect(working > 10 * max(1, night), "09–17: \(working) arrivals, 00–06: \(night)")
        #expect(night > 0, "the night is quiet, not silent")
    }

    @Test func theCurvePeaksLateMorningAndMidAfternoon() {
        let intensity = ArrivalCurve.diurnalIntensity(atHour:)
        #expect(abs(intensity(3) - 0.03) < 0.005)
        #expect(abs(intensity(10.5) - 1) < 1e-9)
        #expect(intensity(15) > 0.85 && intensity(15) < 1)
        #expect(intensity(12.75) < intensity(10.5) && intensity(12.75) < intensity(15), "a lunchtime dip")
        #expect(intensity(20) > intensity(3) * 4)
        let curve = ArrivalCurve(horizon: 86_400, bursts: [ArrivalCurve.Burst(start: 3600, duration: 600)])
        #expect(curve.intensity(at: 3900) == intensity(1.0833333333333333) + ArrivalCurve.burstBoost)
        #expect(curve.intensity(at: 4200) == intensity(4200 / 3600))
    }

    @Test func burstsAreShortSpikes() throws {
        for seed: UInt64 in 1...5 {
            let plan = try Self.plan(TrafficVolumes().scaled(by: 5), seed: seed)
            #expect((2...3).contains(plan.bursts.count))
            let inBursts = plan.messages.filter { message in
                plan.bursts.contains { message.at >= $0.start && message.at < $0.start + $0.duration }
            }.count
            let burstRate = Double(inBursts) / plan.bursts.map(\.duration).reduce(0, +)
            let averageRate = Double(plan.messages.count) / (plan.hours * 3600)
            #expect(burstRate > 3 * averageRate, "seed \(seed): \(burstRate) vs \(averageRate) per second")
        }
    }

    // MARK: Delivery

    @Test func onlyEmailAndWhatsAppAreRedelivered() throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: 5), seed: 5)
        let providerMessages = plan.messages.filter { $0.channel != .webForm }
        let redelivered = providerMessages.filter { !$0.redeliveries.isEmpty }
        #expect(plan.messages.allSatisfy { $0.channel != .webForm || $0.redeliveries.isEmpty })
        for message in redelivered {
            #expect((1...2).contains(message.redeliveries.count))
            #expect(message.redeliveries == message.redeliveries.sorted())
            #expect(message.redeliveries.allSatisfy { $0 >= 5 && $0 < 120 })
        }
        let share = Double(redelivered.count) / Double(providerMessages.count)
        #expect(share > 0.06 && share < 0.14, "about 10 % redelivered: \(share)")
        #expect(Set(redelivered.map(\.channel)) == [.email, .whatsapp])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func laterWhatsAppMessagesSometimesArriveFirst(seed: UInt64) throws {
        let plan = try Self.plan(seed: seed)
        let moved = plan.messages.filter(\.arrivesOutOfOrder)
        #expect(!moved.isEmpty)
        for message in moved {
            #expect(message.channel == .whatsapp)
            let earlier = plan.messages.filter { $0.persona == message.persona && $0.id < message.id }
            #expect(earlier.count == 1)
            if let earlier = earlier.first {
                #expect(earlier.channel == .whatsapp)
                #expect(earlier.at > message.at && earlier.at - message.at < 60, "written first, delivered just after")
            }
        }
    }

    // MARK: Content

    @Test func channelFieldsFitTheChannels() throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: 3), seed: 9)
        for message in plan.messages {
            let persona = plan.personas[message.persona]
            switch message.channel {
            case .whatsapp:
                #expect(message.subject == nil && message.category == nil)
                #expect(message.text.count <= 200, "short and chatty: \(message.text)")
            case .email:
                #expect(message.subject.map { !$0.isEmpty } == true && message.category == nil)
                #expect(message.text.contains("\n\n"), "a greeting and a body")
            case .webForm:
                let submission = WebFormSubmission(
                    name: persona.name, email: persona.email, subject: message.subject,
                    category: message.category?.rawValue, message: message.text, phone: persona.phone)
                #expect(throws: Never.self) { _ = try submission.validated(ticketID: UUID()) }
                #expect(WebFormRules.subjectLength.contains(message.subject?.count ?? 0))
                #expect(WebFormRules.messageLength.contains(message.text.count))
            }
            #expect((message.answeringSource == nil) == (message.expectedEscalation != nil))
        }
    }

    /// Every escalation text trips exactly its trigger, and every question trips none, on every
    /// channel, with the triggers and sentiment lexicon the worker uses.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func groundTruthMatchesTheRealTriggers(seed: UInt64) throws {
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        let triggers = EscalationTriggers()
        let plan = try Self.plan(TrafficVolumes().scaled(by: 5), seed: seed)
        for message in plan.messages {
            let sentiment = assessor.assess(message.text).score
            if let expected = message.expectedEscalation {
                let reasons = triggers.reasons(for: message.text, channel: message.channel, sentiment: sentiment)
                #expect(reasons == [expected], "“\(message.text)” on \(message.channel)")
            } else {
                for channel in Channel.allCases {
                    let reasons = triggers.reasons(for: message.text, channel: channel, sentiment: sentiment)
                    #expect(reasons.isEmpty, "“\(message.text)” on \(channel) trips \(reasons)")
                }
            }
        }
        let escalations = plan.messages.filter { $0.expectedEscalation != nil }
        for reason in TrafficTexts.escalationReasons {
            let texts = Set(escalations.filter { $0.expectedEscalation == reason }.map(\.text))
            #expect(texts.count >= 4, "several distinct texts for \(reason)")
        }
        #expect(Set(escalations.compactMap(\.expectedEscalation)) == Set(TrafficTexts.escalationReasons))
    }

    @Test func everyWrittenEscalationTextTripsOnlyItsTrigger() throws {
        let assessor = SentimentAssessor(lexicon: try SentimentFixture.lexicon())
        let triggers = EscalationTriggers()
        for (reason, texts) in TrafficTexts.escalations {
            for (text, channel) in texts.chat.map({ ($0, Channel.whatsapp) }) + texts.letter.flatMap({ [($0, .email), ($0, .webForm)] }) {
                let reasons = triggers.reasons(for: text, channel: channel, sentiment: assessor.assess(text).score)
                #expect(reasons == [reason], "“\(text)” on \(channel)")
            }
        }
    }

    @Test func escalationRateIsNearTheTarget() throws {
        for seed: UInt64 in 1...3 {
            let plan = try Self.plan(seed: seed)
            let rate = Double(plan.messages.filter { $0.expectedEscalation != nil }.count) / Double(plan.messages.count)
            #expect(rate >= 0.08 && rate <= 0.20, "seed \(seed): \(rate)")
        }
    }

    @Test func questionsThatWouldEscalateAreLeftOut() throws {
        let questions = try SampleQuestion.load(from: Self.questionsURL)
        #expect(questions.count == 77)
        let plan = try Self.plan(TrafficVolumes().scaled(by: 5))
        let sources = Set(plan.messages.compactMap(\.answeringSource))
        // Its three questions all ask for money back, which goes to a person.
        #expect(!sources.contains("billing/refund-policy.html"))
        #expect(sources.count > 20, "the questions cover much of the knowledge base: \(sources.count) documents")
    }

    @Test func rejectsImpossibleRuns() throws {
        let questions = [SampleQuestion(question: "I want a refund", source: "billing/refund-policy.html")]
        #expect(throws: TrafficPlanError.noAnswerableQuestions(offered: 1)) {
            try TrafficPlan.generate(volumes: TrafficVolumes(), hours: 24, seed: 1, questions: questions, sentiment: { _ in 0.5 })
        }
        #expect(throws: TrafficPlanError.invalidHours(0)) {
            try TrafficPlan.generate(volumes: TrafficVolumes(), hours: 0, seed: 1, questions: questions, sentiment: { _ in 0.5 })
        }
    }

    @Test func scalesToThousandsOfMessages() throws {
        let plan = try Self.plan(TrafficVolumes().scaled(by: 20), seed: 2)
        #expect(plan.messages.count >= 6000)
        #expect(plan.messages.allSatisfy { $0.at >= 0 && $0.at < 86_400 })
        #expect(Set(plan.personas.compactMap(\.phone)).count == plan.personas.compactMap(\.phone).count)
    }
}
