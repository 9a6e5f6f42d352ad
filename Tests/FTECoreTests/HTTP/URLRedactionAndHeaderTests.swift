import Testing
@testable import FTECore

@Suite struct URLRedactionAndHeaderTests {
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

    @Test(arguments: ["Bearer abc.def", "bearer abc.def", "BEARER abc.def", "Bearer   abc.def ", " bEaReR\tabc.def"])
    func theBearerSchemeIsCaseInsensitive(header: String) {
        #expect(BearerCredentials.token(fromAuthorization: header) == "abc.def")
    }

    @Test(arguments: [nil, "", "Bearer", "Bearer ", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearerabc", "Token abc"])
    func otherCredentialsHaveNoBearerToken(header: String?) {
        #expect(BearerCredentials.token(fromAuthorization: header) == nil)
    }
}
