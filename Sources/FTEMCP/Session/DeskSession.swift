import Foundation
import MCP
import Synchronization

/// What one MCP session knows about its client.
final class DeskSession: Sendable {
    private let client = Mutex<String?>(nil)

    /// The client's name from `initialize`, once known.
    var clientName: String? { client.withLock { $0 } }

    /// Records the client's self-declared name at `initialize`.
    @Sendable func initialized(_ info: Client.Info, _ capabilities: Client.Capabilities) async throws {
        let name = Self.displayName(info.name)
        client.withLock { $0 = name }
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
