import FTECore
import Foundation
import Logging
import MCP
import Testing

@testable import FTEMCP

@Suite struct SessionTests {
    @Test func clientNamesAreOneCleanLine() {
        #expect(DeskSession.displayName("claude-ai") == "claude-ai")
        #expect(DeskSession.displayName("  Claude\u{7} Code\n\tv2 ") == "Claude Code v2")
        #expect(DeskSession.displayName("evil\u{202E}txt.exe") == "evil txt.exe", "bidi overrides are format characters")
        #expect(DeskSession.displayName("\n\u{0}\t") == nil)
        #expect(DeskSession.displayName(String(repeating: "ab", count: 50))?.count == 64)
    }

    /// The server handles each request in a task of its own: a change whose task runs before
    /// `initialize`'s is still recorded with the client's name.
    @Test func aChangeRacingInitializeWaitsForTheClientsName() async throws {
        let session = DeskSession()
        let name = Task { await session.clientNameOnceInitialized() }
        try await Task.sleep(for: .milliseconds(100))
        try await session.initialized(.init(name: "shell script", version: "1"), .init())
        #expect(await name.value == "shell script")
        let never = DeskSession()
        let clock = ContinuousClock()
        var unnamed: String? = "?"
        let waited = await clock.measure { unnamed = await never.clientNameOnceInitialized(patience: .milliseconds(50)) }
        #expect(unnamed == nil && waited >= .milliseconds(50), "a client that never initializes: no name, after the patience")
    }

    @Test func requestsAndResponsesAreToldApart() {
        func data(_ text: String) -> Data { Data(text.utf8) }
        #expect(AnsweringTransport.requestID(data(#"{"jsonrpc":"2.0","id":7,"method":"tools/call"}"#)) == "7")
        #expect(AnsweringTransport.requestID(data(#"{"jsonrpc":"2.0","id":"a","method":"ping"}"#)) == "a")
        #expect(AnsweringTransport.requestID(data(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)) == nil)
        #expect(AnsweringTransport.requestID(data(#"{"jsonrpc":"2.0","id":7,"result":{}}"#)) == nil)
        #expect(AnsweringTransport.requestID(data("not json")) == nil)
        #expect(AnsweringTransport.responseID(data(#"{"jsonrpc":"2.0","id":7,"result":{"tools":[]}}"#)) == "7")
        #expect(AnsweringTransport.responseID(data(#"{"jsonrpc":"2.0","id":"a","error":{"code":-32602,"message":"x"}}"#)) == "a")
        #expect(AnsweringTransport.responseID(data(#"{"jsonrpc":"2.0","method":"notifications/progress","params":{}}"#)) == nil)
    }

    @Test func anAnsweringTransportWaitsForTheResponsesOfTheRequestsItReceived() async throws {
        let (client, server) = await InMemoryTransport.createConnectedPair()
        let answering = AnsweringTransport(server, logger: .init(label: "test"))
        try await client.connect()
        try await answering.connect()
        let incoming = await answering.receive()
        try await client.send(Data(#"{"jsonrpc":"2.0","id":1,"method":"tools/call"}"#.utf8))
        var iterator = incoming.makeAsyncIterator()
        _ = try await iterator.next()
        #expect(await answering.isBusy)
        let started = ContinuousClock.now
        await answering.drain(within: .milliseconds(200))
        #expect(started.duration(to: .now) >= .milliseconds(200), "waited for the answer")
        try await answering.send(Data(#"{"jsonrpc":"2.0","id":1,"result":{}}"#.utf8))
        #expect(await !answering.isBusy)
        await answering.drain(within: .seconds(10))
    }

    @Test func initializeIsRecognisedInABody() {
        #expect(HTTPSessionTable.isInitialize(Data(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#.utf8)))
        #expect(!HTTPSessionTable.isInitialize(Data(#"{"jsonrpc":"2.0","method":"initialize"}"#.utf8)), "a notification")
        #expect(!HTTPSessionTable.isInitialize(Data(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8)))
        #expect(!HTTPSessionTable.isInitialize(Data("[]".utf8)) && !HTTPSessionTable.isInitialize(nil))
    }

    @Test func resourceURIsRoundTrip() {
        let sources = ["billing/refund-policy.html", "Billing Docs/Refund policy (EU).md", "café/naïve.md", "faq.md", "a/b?c#d.md"]
        for source in sources {
            let uri = ResourceURI.document(source).text
            #expect(ResourceURI(uri) == .document(source), "\(uri)")
            #expect(!uri.dropFirst(5).contains { $0 == " " || $0 == "?" || $0 == "#" }, "\(uri)")
        }
        #expect(ResourceURI.document("billing/refund-policy.html").text == "kb://billing/refund-policy.html")
        #expect(ResourceURI("kb://Billing Docs/x.md") == .document("Billing Docs/x.md"), "unencoded paths are read too")
        let id = UUID()
        #expect(ResourceURI("ticket://\(id.uuidString)") == .ticket(id))
        #expect(ResourceURI.ticket(id).text == "ticket://\(id.lowercasedString)")
        for unknown in ["kb://", "ticket://42", "file:///etc/passwd", "KB://x", ""] {
            #expect(ResourceURI(unknown) == nil, "\(unknown)")
        }
    }
}
