import Foundation
import Testing
@testable import FTECore

@Suite struct JSONValueTests {
    @Test func parsesEveryKindAndReadsItBack() throws {
        let value = try JSONValue(parsing: #"{"s":"x","n":1.5,"i":42,"t":true,"f":false,"z":null,"a":[1,"b"],"o":{"k":"v"}}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["n"]?.doubleValue == 1.5)
        #expect(value["n"]?.intValue == nil)
        #expect(value["i"]?.intValue == 42)
        #expect(value["t"]?.boolValue == true)
        #expect(value["f"]?.boolValue == false)
        #expect(value["z"]?.isNull == true)
        #expect(value["a"]?[1]?.stringValue == "b")
        #expect(value["a"]?[2] == nil)
        #expect(value["o"]?["k"] == "v")
        #expect(value["missing"] == nil)
        #expect(value["s"]?["k"] == nil, "a string has no members")
    }

    @Test func booleansAndNumbersStayDistinct() throws {
        #expect(try JSONValue(parsing: "[1, true, 0, false]") == [1, true, 0, false])
    }

    @Test func serialisesCompactlyWithSortedKeysAndExactIntegers() throws {
        let value: JSONValue = ["b": [1, 2.5, -3], "a": "x", "c": nil, "d": ["big": 9_007_199_254_740_992, "neg": -12345678901]]
        #expect(value.jsonString == #"{"a":"x","b":[1,2.5,-3],"c":null,"d":{"big":9007199254740992,"neg":-12345678901}}"#)
        #expect(try JSONValue(parsing: value.jsonData) == value)
    }

    @Test func escapesStringsAndKeepsUnicode() throws {
        let value: JSONValue = ["quote \"\\": "line\nbreak\ttab\u{01} ünï 🙂 </script>"]
        #expect(value.jsonString == #"{"quote \"\\":"line\nbreak\ttab\u0001 ünï 🙂 </script>"}"#)
        #expect(try JSONValue(parsing: value.jsonString) == value)
    }

    @Test func roundTripsThroughItsOwnTextUnchanged() throws {
        let text = #"{"a":[{"b":null,"c":[true,false]},1e-07,1e+300,-0.25],"z":"ü"}"#
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.jsonString) == value)
        #expect(value["a"]?[2]?.doubleValue == 1e300)
    }

    @Test func numbersJSONCannotHoldBecomeNull() {
        #expect(JSONValue.number(.nan).jsonString == "null")
        #expect(JSONValue.number(.infinity).jsonString == "null")
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1 2]", "nul", "{'a':1}", "\"unterminated", "{\"a\":1}}", "[1,]", "{\"a\":1,}", "01", "1.",
        "-", ".5", "1e", "+1", "\"tab\there\"", "\"\\x\"", "\"\\ud800\"", "[1] x", "truth", "//", "\u{FEFF}{}",
    ])
    func invalidTextThrows(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func invalidUTF8InAStringThrowsWithOrWithoutEscapes() throws {
        for text: [UInt8] in [[0x22, 0x61, 0xFF, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22]] {
            #expect(throws: JSONValue.ParseError(reason: "invalid UTF-8", offset: text.count)) {
                try JSONValue(parsing: Data(text))
            }
        }
        #expect(try JSONValue(parsing: Data([0x22, 0xC3, 0xA9, 0x22])) == "é")
    }

    @Test func escapesNumbersAndWhitespaceFollowTheRFC() throws {
        let value = try JSONValue(parsing: " {\"s\" : \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\", \"n\": [-0, 1.5e3, 2E-2, 0.25, 10]\r\n} ")
        #expect(value["s"]?.stringValue == "a\"b\\c/d\né😀")
        #expect(value["n"] == [0, 1500, 0.02, 0.25, 10])
    }

    @Test func nestingIsLimited() throws {
        #expect(try JSONValue(parsing: String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) != .null)
        #expect(throws: JSONValue.ParseError.self) {
            try JSONValue(parsing: String(repeating: "[", count: 513) + String(repeating: "]", count: 513))
        }
    }

    @Test func topLevelScalarsParse() throws {
        #expect(try JSONValue(parsing: "3") == 3)
        #expect(try JSONValue(parsing: "\"x\"") == "x")
        #expect(try JSONValue(parsing: "null") == .null)
    }

    @Test func worksInsideCodableTypes() throws {
        struct Envelope: Codable, Equatable {
            var name: String
            var extra: JSONValue
        }
        let envelope = Envelope(name: "n", extra: ["k": [1, "two", nil]])
        let decoded = try JSONDecoder().decode(Envelope.self, from: JSONEncoder().encode(envelope))
        #expect(decoded == envelope)
    }
}
