import Foundation
import Logging
import MCP

/// Wraps a transport and counts the client's requests that have not been answered yet, so a
/// closing session can let them finish: a request counts from the moment it is received until
/// its response is sent (the SDK's server runs each request in a task of its own, which may not
/// have started when the input ends).
actor AnsweringTransport: Transport {
    private let inner: any Transport
    private var unanswered: Set<String> = []

    nonisolated let logger: Logger

    init(_ inner: any Transport, logger: Logger) {
        self.inner = inner
        self.logger = logger
    }

    func connect() async throws { try await inner.connect() }

    func disconnect() async { await inner.disconnect() }

    /// Sends `data`; a response counts as answered even when the client has gone.
    func send(_ data: Data) async throws {
        defer { if let id = Self.responseID(data) { unanswered.remove(id) } }
        try await inner.send(data)
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let task = Task {
            do {
                for try await message in await inner.receive() {
                    if let id = Self.requestID(message) { received(id) }
                    continuation.yield(message)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func received(_ id: String) { unanswered.insert(id) }

    /// Whether a request is still waiting for its response.
    var isBusy: Bool { !unanswered.isEmpty }

    /// Waits until every request received has been answered (checked every 20 ms), or `limit`
    /// has passed.
    func drain(within limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while isBusy, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    // MARK: - JSON-RPC classification

    private struct Envelope: Decodable {
        var id: Value?
        var method: String?
        var result: Value?
        var error: Value?
    }

    /// The id of a JSON-RPC request (a message with a method and an id).
    static func requestID(_ data: Data) -> String? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), envelope.method != nil,
            let id = envelope.id, !id.isNull
        else { return nil }
        return id.description
    }

    /// The id of a JSON-RPC response (a result or an error for an id).
    static func responseID(_ data: Data) -> String? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), envelope.method == nil,
            envelope.result != nil || envelope.error != nil, let id = envelope.id, !id.isNull
        else { return nil }
        return id.description
    }
}
