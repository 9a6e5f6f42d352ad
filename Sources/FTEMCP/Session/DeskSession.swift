import Foundation
import MCP
import Synchronization

/// What one MCP session knows about its client.
final class DeskSession: Sendable {
    private struct Client {
        var name: String?
        var initialized = false
    }

    private let client = Mutex(Client())

    /// The client's name from `initialize`, once known.
    var clientName: String? { client.withLock { $0.name } }

    /// Records the client's self-declared name at `initialize`.
    @Sendable func initialized(_ info: MCP.Client.Info, _ capabilities: MCP.Client.Capabilities) async throws {
        let name = Self.displayName(info.name)
        client.withLock { $0 = Client(name: name, initialized: true) }
    }

    /// The client's name for a change it makes. The MCP server handles each request in a task of
    /// its own, so a call sent right behind `initialize` (`echo … | fte mcp`) may run before
    /// `initialize` has been recorded: wait for it, at most `patience` (a client that never
    /// initializes is then named by the caller's fallback).
    func clientNameOnceInitialized(patience: Duration = .seconds(2)) async -> String? {
        let deadline = ContinuousClock.now + patience
        while !client.withLock({ $0.initialized }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return clientName
    }

    /// A client's name as recorded on ticket changes: one line without control characters, at
    /// most 64 characters; `nil` when nothing printable is left.
    static func displayName(_ name: String) -> String? {
        let words = name.unicodeScalars.split { scalar in
            scalar.properties.isWhitespace || [.control, .format, .lineSeparator, .paragraphSeparator]
                .contains(scalar.properties.generalCategory)
        }
        let text = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        return text.isEmpty ? nil : String(text.prefix(64))
    }
}
