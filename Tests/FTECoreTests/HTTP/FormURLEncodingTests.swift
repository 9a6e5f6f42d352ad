import Testing
@testable import FTECore

@Suite struct FormURLEncodingTests {
    @Test func decodesPlusPercentAndRepeatedNamesInOrder() throws {
        let fields = try FormURLEncoding.decode(Array("Body=Hi+there%21+%C3%A9t%C3%A9&Digits=5678&Digits=1234&Empty=&Flag".utf8))
        #expect(fields == [
            FormField("Body", "Hi there! été"), FormField("Digits", "5678"), FormField("Digits", "1234"),
            FormField("Empty", ""), FormField("Flag", ""),
        ])
        #expect(fields.value(of: "Digits") == "5678")
        #expect(fields.value(of: "digits") == nil)
    }

    @Test func keepsEqualsSignsInValuesAndSkipsEmptySegments() throws {
        let fields = try FormURLEncoding.decode(Array("a=x%3Dy=z&&b=%2B1".utf8))
        #expect(fields == [FormField("a", "x=y=z"), FormField("b", "+1")])
    }

    @Test(arguments: ["Body=50%", "Body=%G1", "Body=%4", "Body=ok&To=%zz"])
    func malformedEscapesNameTheField(body: String) {
        #expect {
            try FormURLEncoding.decode(Array(body.utf8))
        } throws: { error in
            let error = error as? FormURLEncodingError
            return error?.code == .malformedPercentEscape && error?.field != nil
                && error?.description.contains("malformed percent escape") == true
        }
    }

    @Test func invalidUTF8IsATypedError() {
        #expect(throws: FormURLEncodingError(.invalidUTF8, field: "Body", detail: nil)) {
            try FormURLEncoding.decode(Array("Body=%FF%FE".utf8))
        }
        #expect(throws: FormURLEncodingError(.invalidUTF8, field: nil, detail: nil)) {
            try FormURLEncoding.decode(Array("%C3=1".utf8))
        }
    }

    @Test func encodingRoundTripsAndEscapesReservedCharacters() throws {
        let fields = [
            FormField("To", "whatsapp:+14155550100"), FormField("Body", "Hi & bye = 100% ✓"),
            FormField("MediaUrl", "https://e.x/a.png?x=1"), FormField("MediaUrl", "https://e.x/b.png"),
        ]
        let encoded = FormURLEncoding.encode(fields)
        #expect(encoded.hasPrefix("To=whatsapp%3A%2B14155550100&Body=Hi+%26+bye+%3D+100%25+%E2%9C%93&"))
        #expect(try FormURLEncoding.decode(Array(encoded.utf8)) == fields)
    }
}
