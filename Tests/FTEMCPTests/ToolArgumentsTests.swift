import Foundation
import MCP
import Testing

@testable import FTEMCP

@Suite struct ToolArgumentsTests {
    private func arguments(_ values: [String: Value]) throws -> ToolArguments {
        try ToolArguments(values, accepted: ["query", "k", "resolve", "ticket_id", "status"], tool: "a_tool")
    }

    private func failure(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "accepted"
        } catch {
            return (error as? ToolFailure)?.message ?? "\(error)"
        }
    }

    @Test func unknownFieldsAreRefusedAndNullsCountAsAbsent() throws {
        #expect(failure { _ = try arguments(["query": "x", "querry": "y"] ) }
            == "unknown argument `querry`: a_tool takes only `query`, `k`, `resolve`, `ticket_id`, `status`")
        #expect(failure { _ = try ToolArguments(["x": 1], accepted: [], tool: "show") } == "unknown argument `x`: show takes no arguments")
        let withNull = try arguments(["query": .null, "k": .null])
        #expect(try withNull.optionalText("query", maxLength: 10) == nil)
        #expect(try withNull.integer("k", in: 1...10, default: 5) == 5)
        #expect(try ToolArguments(nil, accepted: [], tool: "t").integer("k", in: 1...3, default: 2) == 2)
    }

    @Test func textIsTrimmedCheckedForLengthAndNUL() throws {
        #expect(try arguments(["query": "  refunds \n"]).text("query", maxLength: 7) == "refunds")
        #expect(failure { _ = try arguments(["query": " \t "]).text("query", maxLength: 7) } == "missing required argument `query`")
        #expect(failure { _ = try arguments(["query": "refunds!"]).text("query", maxLength: 7) }
            == "invalid argument `query`: must be at most 7 characters (got 8)")
        #expect(failure { _ = try arguments(["query": "a\u{0}"]).text("query", maxLength: 7) } == "invalid argument `query`: must not contain NUL characters")
        #expect(failure { _ = try arguments(["query": true]).text("query", maxLength: 7) } == "invalid argument `query`: must be a string (got a boolean)")
        #expect(failure { _ = try arguments(["query": ["a": 1]]).text("query", maxLength: 7) } == "invalid argument `query`: must be a string (got an object)")
        // The SDK decodes a data: URL as binary data; the text is what was sent.
        let url = "data:text/plain;base64,aGk="
        #expect(try arguments(["query": .data(mimeType: "text/plain", "hi".data(using: .utf8)!)]).text("query", maxLength: 100) == url)
        // Characters, not bytes.
        #expect(try arguments(["query": "Grüße 👋🏽"]).text("query", maxLength: 7) == "Grüße 👋🏽")
    }

    @Test func integersAreWholeAndInRange() throws {
        #expect(try arguments(["k": 3]).integer("k", in: 1...10, default: 5) == 3)
        #expect(try arguments(["k": 3.0]).integer("k", in: 1...10, default: 5) == 3)
        #expect(failure { _ = try arguments(["k": 3.5]).integer("k", in: 1...10, default: 5) }
            == "invalid argument `k`: must be a whole number from 1 to 10 (got a number)")
        #expect(failure { _ = try arguments(["k": "3"]).integer("k", in: 1...10, default: 5) }
            == "invalid argument `k`: must be a whole number from 1 to 10 (got \"3\")")
        #expect(failure { _ = try arguments(["k": -1]).integer("k", in: 1...10, default: 5) } == "invalid argument `k`: must be from 1 to 10 (got -1)")
        #expect(failure { _ = try arguments(["k": 1e300]).integer("k", in: 1...10, default: 5) }.hasPrefix("invalid argument `k`: must be a whole number"))
    }

    @Test func booleansIdsAndChoices() throws {
        #expect(try arguments(["resolve": true]).boolean("resolve", default: false))
        #expect(failure { _ = try arguments(["resolve": "yes"]).boolean("resolve", default: false) }
            == "invalid argument `resolve`: must be true or false (got \"yes\")")
        let id = "3F2B5C1E-8D4A-4C1E-9F00-2A6B7C8D9E0F"
        #expect(try arguments(["ticket_id": .string(" \(id) ")]).ticketID().uuidString == id)
        #expect(failure { _ = try arguments(["ticket_id": "3f2b5c1e"]).ticketID() }.hasPrefix("invalid argument `ticket_id`: must be a ticket id, a UUID"))
        #expect(failure { _ = try arguments(["ticket_id": .string(String(repeating: "x", count: 60))]).ticketID() }
            .hasSuffix("(got \"\(String(repeating: "x", count: 39))…\")"))
        enum Colour: String, CaseIterable { case red, green }
        #expect(try arguments(["status": "green"]).choice("status", Colour.self) == .green)
        #expect(try arguments([:]).choice("status", Colour.self) == nil)
        #expect(failure { _ = try arguments(["status": "Green"]).choice("status", Colour.self) }
            == "invalid argument `status`: must be one of red, green (got \"Green\")")
    }

    @Test func everyToolsSchemaNamesTheArgumentsItReads() {
        for tool in SupportDesk.tools {
            let schema = tool.definition.inputSchema
            #expect(schema.objectValue?["type"] == "object", "\(tool.name)")
            #expect(schema.objectValue?["additionalProperties"] == false, "\(tool.name)")
            let properties = JSONSchema.propertyNames(of: schema)
            for required in schema.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                #expect(properties.contains(required), "\(tool.name) requires \(required)")
            }
            #expect((tool.definition.description?.count ?? 0) > 100, "\(tool.name) explains itself to a model")
            #expect(tool.definition.annotations.readOnlyHint == !tool.writes)
        }
        #expect(SupportDesk.tools.filter(\.writes).map(\.name) == ["reply_to_ticket", "escalate_ticket", "resolve_ticket"])
    }
}
