import FTECore
import Foundation

/// How `fte simulate` runs a day.
public struct SimulationOptions: Sendable {
    /// The queue the system under test uses.
    public enum Queue: Sendable, Equatable {
        /// The PostgreSQL queue table (the single-machine default).
        case postgres
        /// Kafka: the given bootstrap servers, or (`nil`) a librdkafka mock cluster the simulator hosts.
        case kafka(brokers: String?)
    }

    /// The model the workers talk to.
    public enum Model: Sendable, Equatable {
        /// A scripted OpenAI-compatible server: two tool turns per message, each taking
        /// `latency`, failing with 503 at `errorRate` (0…1).
        case scripted(latency: Duration, errorRate: Double)
        /// The model configured in the environment (`FTE_LLM_*`), untouched.
        case real
    }

    /// Simulated hours.
    public var hours = 24.0
    /// Simulated seconds per real second (480: a day in 3 minutes).
    public var speed = 480.0
    /// Traffic multiplier over SPEC.md's day.
    public var scale = 1.0
    public var seed: UInt64 = 1
    public var gateways = 2
    public var workers = 3
    /// Simulated seconds between process kills (0: none).
    public var killEvery = 7200.0
    /// Inject the faults other than kills (model, Twilio, Gmail, Kafka, database).
    public var otherFaults = true
    public var queue = Queue.postgres
    public var model = Model.scripted(latency: .milliseconds(300), errorRate: 0)
    /// Extra latency per model turn during the slowdown fault.
    public var modelSlowdown: Duration = .milliseconds(600)
    /// The knowledge base ingested before the day starts; `nil` for none.
    public var knowledgeBase: URL?
    /// Questions the knowledge base answers (`{"question", "source"}` lines).
    public var questions: URL
    /// The PostgreSQL server; the run creates a scratch database on it and drops it afterwards.
    public var databaseURL: String
    /// Keep the scratch database for inspection.
    public var keepDatabase = false
    /// A shell command that restarts the database server, run at the database-restart fault;
    /// without one, every connection to the scratch database is terminated instead.
    public var databaseRestartCommand: String?
    /// The `fte` executable to run (normally this one).
    public var executable: String
    /// Environment passed on to `fte serve` and `fte work` (the real model's keys, model paths).
    public var environment: [String: String]
    /// Where process logs are written; `nil` discards them.
    public var logDirectory: URL?
    public var thresholds = ObjectiveThresholds()

    public init(questions: URL, databaseURL: String, executable: String, environment: [String: String]) {
        self.questions = questions
        self.databaseURL = databaseURL
        self.executable = executable
        self.environment = environment
    }

    /// Real time for `simulated` seconds.
    func real(_ simulated: Double) -> Duration {
        .milliseconds(Int64((simulated / speed * 1000).rounded()))
    }
}
