import Foundation

/// One conversation to run through the agent, with what its replies must (and must not) do.
/// Scenario files are JSON Lines (one scenario per line) or YAML (a list of scenarios); see
/// docs/evaluation.md.
public struct Scenario: Sendable, Codable, Equatable {
    /// The customer who writes.
    public struct Customer: Sendable, Codable, Equatable {
        public var name: String?
        public var email: String?
        public var phone: String?

        public init(name: String? = nil, email: String? = nil, phone: String? = nil) {
            self.name = name
            self.email = email
            self.phone = phone
        }
    }

    /// One customer message and what the reply to it must do.
    public struct Turn: Sendable, Codable, Equatable {
        public var message: String
        /// The e-mail subject or web-form subject.
        public var subject: String?
        public var expect: ScenarioExpectation?

        public init(message: String, subject: String? = nil, expect: ScenarioExpectation? = nil) {
            self.message = message
            self.subject = subject
            self.expect = expect
        }
    }

    /// A short, unique name, used in reports.
    public var id: String
    public var description: String?
    public var channel: Channel
    public var customer: Customer
    /// The customer's messages in order; the agent answers each, seeing the earlier ones.
    public var turns: [Turn]

    public init(id: String, description: String? = nil, channel: Channel, customer: Customer = Customer(), turns: [Turn]) {
        self.id = id
        self.description = description
        self.channel = channel
        self.customer = customer
        self.turns = turns
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, description, channel, customer, turns
        // Shorthand for one turn: `message` (and `subject`) with the scenario's `expect`.
        case message, subject, expect
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        try AnyKey.rejectUnknown(in: container, allowed: CodingKeys.allCases.map(\.rawValue), what: "scenario")
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        id = try keys.decode(String.self, forKey: .id)
        description = try keys.decodeIfPresent(String.self, forKey: .description)
        channel = try keys.decode(Channel.self, forKey: .channel)
        customer = try keys.decodeIfPresent(Customer.self, forKey: .customer) ?? Customer()
        let expect = try keys.decodeIfPresent(ScenarioExpectation.self, forKey: .expect)
        if let message = try keys.decodeIfPresent(String.self, forKey: .message) {
            guard !keys.contains(.turns) else {
                throw DecodingError.dataCorruptedError(forKey: .turns, in: keys, debugDescription: "give either message or turns, not both")
            }
            turns = [Turn(message: message, subject: try keys.decodeIfPresent(String.self, forKey: .subject), expect: expect)]
        } else {
            turns = try keys.decode([Turn].self, forKey: .turns)
            // The scenario's expectation applies to the last turn.
            if let expect, !turns.isEmpty {
                guard turns[turns.count - 1].expect == nil else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .expect, in: keys, debugDescription: "the last turn has its own expect; give one or the other")
                }
                turns[turns.count - 1].expect = expect
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(id, forKey: .id)
        try keys.encodeIfPresent(description, forKey: .description)
        try keys.encode(channel, forKey: .channel)
        if customer != Customer() { try keys.encode(customer, forKey: .customer) }
        try keys.encode(turns, forKey: .turns)
    }

    /// Problems that make the scenario unusable, as readable sentences (empty when none).
    func problems() -> [String] {
        var problems: [String] = []
        if id.trimmingWhitespace().isEmpty { problems.append("id must not be empty") }
        if turns.isEmpty { problems.append("turns must hold at least one message") }
        for (index, turn) in turns.enumerated() {
            if turn.message.trimmingWhitespace().isEmpty { problems.append("turn \(index + 1): message must not be empty") }
            if let expect = turn.expect { problems += expect.problems().map { "turn \(index + 1): \($0)" } }
        }
        return problems
    }
}

/// Any key, to find the keys a scenario file has that fte does not know (a typo must not
/// silently drop an expectation).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static func rejectUnknown(in container: KeyedDecodingContainer<AnyKey>, allowed: [String], what: String) throws {
        if let unknown = container.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath,
                debugDescription: "unknown \(what) field “\(unknown.stringValue)” (known: \(allowed.joined(separator: ", ")))"))
        }
    }
}
