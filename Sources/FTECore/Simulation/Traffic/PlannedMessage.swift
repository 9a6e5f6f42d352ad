/// One customer message the simulator sends at a simulated instant, with its ground truth.
public struct PlannedMessage: Sendable, Codable, Equatable {
    /// Stable within a run; the order messages were planned in (not their arrival order).
    public var id: Int
    /// Simulated seconds since the start of the day when the provider delivers it.
    public var at: Double
    /// Who writes (an index into ``TrafficPlan/personas``).
    public var persona: Int
    /// The channel it arrives through.
    public var channel: Channel
    /// The e-mail subject or web-form subject; `nil` on WhatsApp.
    public var subject: String?
    /// What the customer writes.
    public var text: String
    /// Web form only: the category the customer picks.
    public var category: TicketCategory?
    /// The ground truth: the escalation a correct system makes, or `nil` when it should answer.
    public var expectedEscalation: EscalationReason?
    /// The sample knowledge-base document that answers it (path relative to the ingested folder),
    /// when it is a question the knowledge base answers.
    public var answeringSource: String?
    /// Simulated seconds after the first delivery at which the provider delivers it again
    /// (Twilio webhook retries, Pub/Sub redeliveries); empty when delivered once.
    public var redeliveries: [Double]
    /// Whether this message was moved to arrive before an earlier message of the same person
    /// (out-of-order delivery by the provider).
    public var arrivesOutOfOrder: Bool

    public init(
        id: Int, at: Double, persona: Int, channel: Channel, subject: String?, text: String,
        category: TicketCategory? = nil, expectedEscalation: EscalationReason? = nil,
        answeringSource: String? = nil, redeliveries: [Double] = [], arrivesOutOfOrder: Bool = false
    ) {
        self.id = id
        self.at = at
        self.persona = persona
        self.channel = channel
        self.subject = subject
        self.text = text
        self.category = category
        self.expectedEscalation = expectedEscalation
        self.answeringSource = answeringSource
        self.redeliveries = redeliveries
        self.arrivesOutOfOrder = arrivesOutOfOrder
    }
}
