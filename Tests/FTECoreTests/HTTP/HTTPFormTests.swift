import Testing
@testable import FTECore

@Suite struct HTTPFormTests {
    @Test func encodesWithTheFormRules() {
        let encoded = HTTPForm.encode([("a b", "x&y=z/é"), ("keep", "AZaz09*-._"), ("empty", "")])
        #expect(encoded == "a+b=x%26y%3Dz%2F%C3%A9&keep=AZaz09*-._&empty=")
    }

    @Test func decodeInvertsEncode() {
        let fields = [("Body", "Hi + bye 100% ✓"), ("To", "whatsapp:+14155550100"), ("Body", "second")]
        let decoded = HTTPForm.decode(HTTPForm.encode(fields))
        #expect(decoded.map(\.name) == fields.map(\.0))
        #expect(decoded.map(\.value) == fields.map(\.1))
    }

    @Test func decodeToleratesOddInput() {
        let decoded = HTTPForm.decode("flag&bad=%zz%4&&x=1=2")
        #expect(decoded.map(\.name) == ["flag", "bad", "x"])
        #expect(decoded.map(\.value) == ["", "%zz%4", "1=2"])
    }

    @Test(arguments: [
        ("https://user:pw@api.example.com/v1/x?token=abc#frag", "https://api.example.com/v1/x"),
        ("http://127.0.0.1:8080/a%20b?q=1", "http://127.0.0.1:8080/a%20b"),
        ("http://[::1]:9/p", "http://[::1]:9/p"),
        ("nonsense", "<invalid URL>"),
    ])
    func urlsAreRedactedForErrors(url: String, expected: String) {
        #expect(URLRedaction.redact(url) == expected)
    }

    @Test func headersLookUpByAnyCase() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add(name: "x-a", value: "2")
        #expect(headers["content-TYPE"] == "text/plain")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers.replaceOrAdd(name: "X-A", value: "3")
        #expect(headers.values(for: "x-a") == ["3"] && headers.count == 2)
        headers.remove(name: "CONTENT-type")
        #expect(headers["Content-Type"] == nil)
    }
}
