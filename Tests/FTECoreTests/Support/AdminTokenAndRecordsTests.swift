import Foundation
import Testing

@testable import FTECore

@Suite struct AdminTokenAndRecordsTests {
    @Test func adminTokensMatchOnlyTheBearerToken() {
        #expect(AdminToken(nil) == nil && AdminToken("") == nil)
        let token = AdminToken("tøken with spaces")!
        #expect(token.authorizes("Bearer tøken with spaces"))
        #expect(token.authorizes("BEARER tøken with spaces"))
        #expect(token.authorizes("Bearer  tøken with spaces"), "RFC 6750: one or more spaces after the scheme")
        for header in [nil, "", "Bearer", "Bearer ", "Bearer tøken", "Basic tøken with spaces", "tøken with spaces", "Bearer tøken  with spaces"] {
            #expect(!token.authorizes(header), "\(header ?? "nil")")
        }
    }

    @Test func recordsAreEncodedForAPIs() throws {
        struct Record: Encodable { var at: Date; var path: String; var b: Int; var a: Int }
        let json = String(decoding: try JSONEncoder.records().encode(Record(at: Date(timeIntervalSince1970: 1.5), path: "a/b", b: 1, a: 2)), as: UTF8.self)
        #expect(json == #"{"a":2,"at":"1970-01-01T00:00:01.500Z","b":1,"path":"a/b"}"#)
    }
}
