/// Builds a ``TrafficPlan``: first who writes on which channel and when (slots), then what each
/// message says. All randomness comes from one ``SeededGenerator``, consumed in a fixed order.
struct TrafficPlanner {
    /// One planned message before it has words.
    private struct Slot {
        var persona: Int
        var channel: Channel
        var at: Double
        var arrivesOutOfOrder = false
        /// The e-mail this one answers in the same thread ("Re: …").
        var replyTo: Int?
    }

    /// The share of single-channel people who write a second time on the same channel.
    static let followUpShare = 0.15
    /// Every this-many-th WhatsApp person writing twice has the second message delivered first.
    static let outOfOrderEvery = 4
    /// How much later (seconds) the provider delivers the first of an out-of-order pair.
    static let outOfOrderDelay = 5.0..<60.0
    /// The share of e-mails and WhatsApp messages the provider delivers more than once.
    static let redeliveryShare = 0.10
    /// When (seconds after the first delivery) redeliveries come.
    static let redeliveryOffsets = 5.0..<120.0

    private(set) var personas: [Persona] = []
    let curve: ArrivalCurve
    private var generator: SeededGenerator
    private var identities = PersonaIdentities()
    private var slots: [Slot] = []
    private var whatsAppRepeaters = 0

    init(horizon: Double, seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        curve = ArrivalCurve(horizon: horizon, using: &generator)
    }

    private var horizon: Double { curve.horizon }

    // MARK: - Who writes when

    /// `messages` messages on `channel` from people who use only that channel.
    mutating func planSingleChannel(_ channel: Channel, messages: Int) {
        var remaining = messages
        while remaining > 0 {
            let persona = addPersona(
                email: channel != .whatsapp,
                phone: channel == .whatsapp || (channel == .webForm && generator.chance(0.3)))
            guard remaining >= 2, generator.chance(Self.followUpShare) else {
                slots.append(Slot(persona: persona, channel: channel, at: curve.sample(in: 0..<horizon, using: &generator)))
                remaining -= 1
                continue
            }
            remaining -= 2
            if channel == .whatsapp {
                whatsAppRepeaters += 1
                if (whatsAppRepeaters - 1) % Self.outOfOrderEvery == 0, horizon > 2 * Self.outOfOrderDelay.upperBound {
                    planOutOfOrderPair(persona: persona)
                    continue
                }
            }
            // A follow-up a few minutes to a few hours later.
            let window = min(horizon / 2, 4 * 3600)
            let first = curve.sample(in: 0..<(horizon - window), using: &generator)
            let second = curve.sample(in: (first + min(180, window / 8))..<(first + window), using: &generator)
            slots.append(Slot(persona: persona, channel: channel, at: first))
            slots.append(Slot(
                persona: persona, channel: channel, at: second, replyTo: channel == .email ? slots.count - 1 : nil))
        }
    }

    /// Two WhatsApp messages written seconds apart; the provider delivers the second one first.
    private mutating func planOutOfOrderPair(persona: Int) {
        let secondArrival = curve.sample(in: 0..<(horizon - Self.outOfOrderDelay.upperBound), using: &generator)
        let firstArrival = secondArrival + generator.double(in: Self.outOfOrderDelay)
        slots.append(Slot(persona: persona, channel: .whatsapp, at: firstArrival))
        slots.append(Slot(persona: persona, channel: .whatsapp, at: secondArrival, arrivesOutOfOrder: true))
    }

    /// `people` people who write on two or three channels: the web form first with both their
    /// e-mail and phone (which links them), then e-mail and/or WhatsApp later.
    mutating func planMultiChannel(people: Int) {
        var usesAllThree = Array(repeating: true, count: people - people / 4)
            + Array(repeating: false, count: people / 4)
        generator.shuffle(&usesAllThree)
        // Room for the later messages: each comes `gap` to `span` seconds after the one before.
        let reserve = min(horizon / 2, 8 * 3600)
        let span = reserve / 2
        let gap = min(600, span / 4)
        for allThree in usesAllThree {
            let persona = addPersona(email: true, phone: true)
            var later: [Channel] = [.email, .whatsapp]
            generator.shuffle(&later)
            var at = curve.sample(in: 0..<(horizon - reserve), using: &generator)
            slots.append(Slot(persona: persona, channel: .webForm, at: at))
            for channel in later.prefix(allThree ? 2 : 1) {
                at = curve.sample(in: (at + gap)..<(at + span), using: &generator)
                slots.append(Slot(persona: persona, channel: channel, at: at))
            }
        }
    }

    private mutating func addPersona(email: Bool, phone: Bool) -> Int {
        let name = identities.name(using: &generator)
        personas.append(Persona(
            id: personas.count, name: name,
            email: email ? identities.email(for: name, using: &generator) : nil,
            phone: phone ? identities.phone(using: &generator) : nil))
        return personas.count - 1
    }

    // MARK: - What they write

    /// The planned messages, in arrival order: ``TrafficPlan/escalationShare`` of them (spread
    /// evenly over the reasons) must escalate, the rest ask `questions`.
    /// - Parameter isAnswerable: whether a text trips no escalation trigger on a channel.
    mutating func write(questions: [SampleQuestion], isAnswerable: (String, Channel) -> Bool) -> [PlannedMessage] {
        let reasons = TrafficTexts.escalationReasons
        let escalating = Int((Double(slots.count) * TrafficPlan.escalationShare).rounded())
        let firstReason = generator.int(below: reasons.count)
        var deck: [EscalationReason?] = (0..<escalating).map { reasons[(firstReason + $0) % reasons.count] }
            + Array(repeating: nil, count: slots.count - escalating)
        generator.shuffle(&deck)

        var writer = MessageWriter(questions: questions)
        var messages: [PlannedMessage] = []
        messages.reserveCapacity(slots.count)
        for (id, slot) in slots.enumerated() {
            let written = writer.write(
                escalating: deck[id], channel: slot.channel, name: personas[slot.persona].name, using: &generator,
                isAnswerable: { isAnswerable($0, slot.channel) })
            let at = Self.milliseconds(slot.at)
            messages.append(PlannedMessage(
                id: id, at: at, persona: slot.persona, channel: slot.channel,
                subject: slot.replyTo.map { "Re: " + (messages[$0].subject ?? "") } ?? written.subject,
                text: written.text, category: written.category, expectedEscalation: written.expectedEscalation,
                answeringSource: written.answeringSource,
                redeliveries: slot.channel == .webForm ? [] : redeliveries(after: at),
                arrivesOutOfOrder: slot.arrivesOutOfOrder))
        }
        return messages.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// Offsets of the provider's repeated deliveries of a message first delivered at `at`: none
    /// for most messages, one or two within the run for ``redeliveryShare`` of them.
    private mutating func redeliveries(after at: Double) -> [Double] {
        guard generator.chance(Self.redeliveryShare) else { return [] }
        let count = generator.chance(0.7) ? 1 : 2
        return (0..<count).map { _ in Self.milliseconds(generator.double(in: Self.redeliveryOffsets)) }
            .sorted()
            .filter { at + $0 < horizon }
    }

    /// `seconds` rounded down to whole milliseconds, for a readable plan.
    private static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 1000).rounded(.down) / 1000
    }
}
