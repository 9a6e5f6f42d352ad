import ArgumentParser
import FTECore
import FTEFakes
import Foundation
import ServiceLifecycle
import UnixSignals

/// `fte-scripted-llm`: an OpenAI-compatible chat server on loopback for benchmarks and manual
/// runs of `fte work` without a real model. Each message takes two tool turns: a knowledge-base
/// search for the customer's words, then `send_response` quoting the best passage. Every answer
/// waits `--delay-ms` first, like a slow model. Prints its base URL, then serves until SIGTERM.
@main
struct ScriptedLLMHost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fte-scripted-llm",
        abstract: "Serve a scripted OpenAI-compatible chat model on loopback and print its base URL.")

    @Option(help: "Milliseconds each answer waits before it is sent.")
    var delayMs = 0

    @Option(help: "The API key clients must send.")
    var apiKey = "bench-llm-key"

    func validate() throws {
        guard (0...600_000).contains(delayMs) else { throw ValidationError("--delay-ms must be 0...600000") }
    }

    func run() async throws {
        let delay = Duration.milliseconds(delayMs)
        let server = try await ScriptedLLMServer.start(apiKey: apiKey, recordsRequests: false) { request in
            let reply = ScriptedLLMServer.Reply.knowledgeBaseAnswer(to: request)
            return delay > .zero ? .after(delay, reply) : reply
        }
        FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))
        for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { break }
        await server.shutdown()
    }
}
