import ArgumentParser
import FTECore
import FTESimulator
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `fte simulate`: a compressed day of traffic with faults against the real system, and a verdict.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a simulated day of traffic with faults against fte serve and fte work, and judge it.",
        discussion: """
            Starts fte serve and fte work from this binary against a scratch database on the configured \
            PostgreSQL server, with fakes for Gmail, Google, Twilio and the model, sends a day of traffic \
            compressed by --speed, kills processes and injects outages on a schedule, then measures every \
            service objective of the specification. Prints a summary (or JSON), writes an HTML report, and \
            exits 0 only when every objective held (1 when one was missed).
            """)

    @Option(help: "Simulated hours (0.25-168).") var hours = 24.0
    @Option(help: "Simulated seconds per real second (1-100000); the default runs a day in 3 minutes.") var speed = 480.0
    @Option(help: "Traffic multiplier over the specification's day (0.1-100).") var scale = 1.0
    @Option(help: "Seed of the traffic and fault plan; the same seed plans the same day.") var seed: UInt64 = 1
    @Option(help: "fte serve processes (1-8).") var gateways = 2
    @Option(help: "fte work processes (1-16).") var workers = 3
    @Option(name: .customLong("kill-every"), help: "Simulated hours between process kills (0: none).") var killEvery = 2.0
    @Flag(name: .customLong("no-outages"), help: "Inject no outages (model, Twilio, Gmail, Kafka, database), only kills.") var noOutages = false
    @Flag(help: "Use Kafka: a mock cluster hosted by the simulator, or --kafka-brokers.") var kafka = false
    @Option(name: .customLong("kafka-brokers"), help: "Kafka bootstrap servers to use instead of the hosted mock cluster.") var kafkaBrokers: String?
    @Option(help: "The model: scripted (a fake with --llm-latency-ms and --llm-error-rate) or real (FTE_LLM_*).") var llm = ModelChoice.scripted
    @Option(name: .customLong("llm-latency-ms"), help: "Milliseconds each scripted model turn takes (0-60000).") var llmLatencyMs = 300
    @Option(name: .customLong("llm-error-rate"), help: "Share of scripted model requests answered 503 (0-1).") var llmErrorRate = 0.0
    @Option(name: .customLong("llm-slowdown-ms"), help: "Milliseconds the slowdown fault adds to each scripted model turn (0-60000).")
    var llmSlowdownMs = 600
    @Option(name: .customLong("knowledge-base"), help: "Folder ingested before the day starts.", completion: .directory)
    var knowledgeBase = "samples/knowledge-base"
    @Flag(name: .customLong("no-knowledge-base"), help: "Start with an empty knowledge base.") var noKnowledgeBase = false
    @Option(help: "Questions the knowledge base answers (JSON Lines), used for the customers' questions.", completion: .file(extensions: ["jsonl"]))
    var questions = "samples/knowledge-base-questions.jsonl"
    @Option(help: "Where the HTML report is written.", completion: .file(extensions: ["html"])) var report = "fte-simulation-report.html"
    @Option(name: .customLong("log-dir"), help: "Folder for the logs of every process started (kept after the run).", completion: .directory)
    var logDirectory: String?
    @Flag(name: .customLong("keep-database"), help: "Keep the scratch database afterwards.") var keepDatabase = false
    @Option(name: .customLong("database-restart-command"), help: "Shell command run at the database-restart fault; without one, every connection is terminated.")
    var databaseRestartCommand: String?
    @Flag(help: "Print the result as JSON (same as --format json).") var json = false

    @OptionGroup(title: "Objectives (defaults: the specification's)") var objectives: ObjectiveOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Database") var database: DatabaseOptions

    enum ModelChoice: String, ExpressibleByArgument, CaseIterable {
        case scripted, real
    }

    func validate() throws {
        guard (0.25...168).contains(hours) else { throw ValidationError("--hours must be between 0.25 and 168 (got \(hours))") }
        guard (1...100_000).contains(speed) else { throw ValidationError("--speed must be between 1 and 100000 (got \(speed))") }
        guard (0.1...100).contains(scale) else { throw ValidationError("--scale must be between 0.1 and 100 (got \(scale))") }
        guard (1...8).contains(gateways) else { throw ValidationError("--gateways must be between 1 and 8 (got \(gateways))") }
        guard (1...16).contains(workers) else { throw ValidationError("--workers must be between 1 and 16 (got \(workers))") }
        guard killEvery >= 0 else { throw ValidationError("--kill-every must be 0 or more hours (got \(killEvery))") }
        guard (0...60_000).contains(llmLatencyMs) else { throw ValidationError("--llm-latency-ms must be between 0 and 60000 (got \(llmLatencyMs))") }
        guard (0...60_000).contains(llmSlowdownMs) else { throw ValidationError("--llm-slowdown-ms must be between 0 and 60000 (got \(llmSlowdownMs))") }
        guard (0...1).contains(llmErrorRate) else { throw ValidationError("--llm-error-rate must be between 0 and 1 (got \(llmErrorRate))") }
        try objectives.validate()
    }

    func run() async throws {
        let options = try simulationOptions()
        let interruptions = Self.stopChildrenOnInterrupt()
        defer { interruptions.forEach { $0.cancel() } }
        let bar = ProgressBar()
        let simulator = Simulator(options: options)
        let result: SimulationResult
        do {
            result = try await simulator.run { event in Self.show(event, on: bar, hours: options.hours) }
        } catch {
            bar.finish()
            throw CommandFailure(error)
        }
        bar.finish()
        do {
            try Data(SimulationReport.html(result).utf8).write(to: URL(fileURLWithPath: report))
        } catch {
            throw CommandFailure(message: "cannot write the report to \(report): \(error.localizedDescription)", exitCode: 73)
        }
        if json || output.format == .json {
            print(String(decoding: try SimulationReport.json(result), as: UTF8.self))
        } else {
            print(SimulationReport.text(result))
            print("report: \(report)")
        }
        if !result.passed { throw ExitCode(1) }
    }

    private func simulationOptions() throws -> SimulationOptions {
        let environment = ProcessInfo.processInfo.environment
        let databaseURL = try DatabaseSettings.configuration(urlFlag: database.databaseURL, environment: environment).url
        let questionsURL = URL(fileURLWithPath: questions)
        guard FileManager.default.isReadableFile(atPath: questionsURL.path) else {
            throw CommandFailure.usage("cannot read the question set \(questions) (run from the repository, or pass --questions)")
        }
        var knowledgeBaseURL: URL?
        if !noKnowledgeBase {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: knowledgeBase, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure.usage("no knowledge-base folder at \(knowledgeBase) (pass --knowledge-base or --no-knowledge-base)")
            }
            knowledgeBaseURL = URL(fileURLWithPath: knowledgeBase)
        }
        var options = SimulationOptions(
            questions: questionsURL, databaseURL: databaseURL, executable: Self.executablePath, environment: environment)
        options.hours = hours
        options.speed = speed
        options.scale = scale
        options.seed = seed
        options.gateways = gateways
        options.workers = workers
        options.killEvery = killEvery * 3600
        options.otherFaults = !noOutages
        options.queue = kafka || kafkaBrokers != nil ? .kafka(brokers: kafkaBrokers) : .postgres
        options.model = llm == .real ? .real : .scripted(latency: .milliseconds(llmLatencyMs), errorRate: llmErrorRate)
        options.modelSlowdown = .milliseconds(llmSlowdownMs)
        options.knowledgeBase = knowledgeBaseURL
        options.keepDatabase = keepDatabase
        options.databaseRestartCommand = databaseRestartCommand
        options.thresholds = objectives.thresholds
        if let logDirectory {
            try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
            options.logDirectory = URL(fileURLWithPath: logDirectory)
        }
        if llm == .real, environment["FTE_LLM_API_KEY"] == nil, environment["GEMINI_API_KEY"] == nil {
            throw CommandFailure.usage("--llm real needs FTE_LLM_API_KEY (or GEMINI_API_KEY)")
        }
        return options
    }

    /// On SIGINT or SIGTERM: kill the processes the run started, say so, and exit 130.
    private static func stopChildrenOnInterrupt() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                ChildProcesses.killAll()
                printError("fte simulate: interrupted; stopped the fte serve and fte work processes it started (its scratch database fte_sim_… stays until dropped)")
                Glibc.exit(130)
            }
            source.resume()
            return source
        }
    }

    /// This executable, which the simulator starts as `fte serve` and `fte work`.
    private static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    private static func show(_ event: Simulator.Progress, on bar: ProgressBar, hours: Double) {
        switch event {
        case .step(let step):
            bar.log("simulate: \(step)")
        case .fault(let fault):
            bar.log("fault: \(fault)")
        case .traffic(let simulated, let acknowledged, let planned):
            let fraction = simulated / (hours * 3600)
            bar.update("\(ProgressBar.bar(fraction)) \(SimulationReport.clock(simulated)) simulated · \(acknowledged)/\(planned) messages acknowledged")
        case .draining(let unfinished):
            bar.update("waiting for the last replies: \(unfinished) unfinished")
        }
    }
}
