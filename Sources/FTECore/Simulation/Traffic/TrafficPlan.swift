/// A simulated run's traffic: who writes, what, through which channel and when, with the ground
/// truth a correct system is measured against. Make one with
/// ``generate(volumes:hours:seed:questions:triggers:sentiment:)``.
public struct TrafficPlan: Sendable, Codable, Equatable {
    /// The run's length in simulated hours; every arrival is in `[0, hours · 3600)` seconds.
    public var hours: Double
    /// The seed the plan was generated from.
    public var seed: UInt64
    /// The bursts added to the daily curve (``ArrivalCurve``).
    public var bursts: [ArrivalCurve.Burst]
    /// Everyone who writes; ``PlannedMessage/persona`` indexes this array.
    public var personas: [Persona]
    /// The messages in arrival order (by ``PlannedMessage/at``, then ``PlannedMessage/id``).
    public var messages: [PlannedMessage]

    public init(hours: Double, seed: UInt64, bursts: [ArrivalCurve.Burst], personas: [Persona], messages: [PlannedMessage]) {
        self.hours = hours
        self.seed = seed
        self.bursts = bursts
        self.personas = personas
        self.messages = messages
    }

    /// The share of messages planned to need a person (spread evenly over pricing, refunds, legal
    /// matters, requests for a person and very negative sentiment).
    public static let escalationShare = 0.13

    /// Plans a run; the same arguments always give the same plan.
    ///
    /// - Single-channel people write `volumes.webSubmissions`, `.emails` and `.whatsAppMessages`
    ///   messages; about 15 % of them write a second time on the same channel, minutes to hours
    ///   later. Every fourth WhatsApp person who writes twice does so within seconds and the
    ///   provider delivers the second message first (``PlannedMessage/arrivesOutOfOrder``).
    /// - `volumes.multiChannelPeople` people use the web form first, giving both their e-mail and
    ///   phone, then e-mail and/or WhatsApp later (at least two thirds use all three channels).
    /// - About 87 % of messages are knowledge-base questions and ``escalationShare`` must escalate.
    /// - Arrivals follow ``ArrivalCurve`` with 2–3 bursts a day; about 10 % of e-mails and WhatsApp
    ///   messages are delivered again 5–120 s later.
    ///
    /// - Parameters:
    ///   - volumes: how many messages (already scaled to `hours` by the caller).
    ///   - hours: the run's length in simulated hours (> 0).
    ///   - seed: fixes every random choice.
    ///   - questions: questions the knowledge base answers; those that would escalate on some
    ///     channel (a trigger word, or sentiment below the threshold) are left out.
    ///   - triggers: the checks the worker makes before the model.
    ///   - sentiment: the worker's sentiment of a text on the 0–1 scale, e.g.
    ///     `{ assessor.assess($0).score }`.
    /// - Throws: ``TrafficPlanError`` when `hours` is not positive or no question is answerable.
    public static func generate(
        volumes: TrafficVolumes, hours: Double, seed: UInt64, questions: [SampleQuestion],
        triggers: EscalationTriggers = EscalationTriggers(), sentiment: (String) -> Double
    ) throws(TrafficPlanError) -> TrafficPlan {
        guard hours > 0, hours.isFinite else { throw .invalidHours(hours) }
        func tripsNothing(_ text: String, on channel: Channel) -> Bool {
            triggers.reasons(for: text, channel: channel, sentiment: sentiment(text)).isEmpty
        }
        let answerable = questions.filter { question in Channel.allCases.allSatisfy { tripsNothing(question.question, on: $0) } }
        guard !answerable.isEmpty else { throw .noAnswerableQuestions(offered: questions.count) }
        var planner = TrafficPlanner(horizon: hours * 3600, seed: seed)
        planner.planSingleChannel(.webForm, messages: volumes.webSubmissions)
        planner.planSingleChannel(.email, messages: volumes.emails)
        planner.planSingleChannel(.whatsapp, messages: volumes.whatsAppMessages)
        planner.planMultiChannel(people: volumes.multiChannelPeople)
        let messages = planner.write(questions: answerable, isAnswerable: tripsNothing)
        return TrafficPlan(
            hours: hours, seed: seed, bursts: planner.curve.bursts, personas: planner.personas, messages: messages)
    }
}

/// Why a traffic plan cannot be made.
public enum TrafficPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The run's length is not a positive number of hours.
    case invalidHours(Double)
    /// Every offered question would escalate, so there is nothing for the agent to answer.
    case noAnswerableQuestions(offered: Int)

    public var description: String {
        switch self {
        case .invalidHours(let hours): "the simulated run must last a positive number of hours, not \(hours)"
        case .noAnswerableQuestions(let offered):
            "none of the \(offered) knowledge-base questions can be answered without escalating"
        }
    }
}
