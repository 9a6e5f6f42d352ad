import FTECore
import Foundation
import Testing

/// ``JSONValue``'s own parser against Foundation's (`JSONDecoder`, which decodes through
/// ``JSONValue``'s `Codable` conformance): on thousands of generated documents — every kind of
/// value, escapes, surrogate pairs, exponents, random whitespace, deep nesting — and on
/// mutations of them (a byte removed, inserted or changed, the text cut short), both must accept
/// the same texts and read the same values.
///
/// Where the two are meant to differ, the case is listed in ``knownDifferences`` with the reason.
@Suite struct JSONParserDifferentialTests {
    /// Foundation's reading of `text`, or nil when it refuses it.
    static func foundation(_ text: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text))
    }

    /// Ours, or nil when it refuses it.
    static func ours(_ text: [UInt8]) -> JSONValue? {
        try? JSONValue(parsing: Data(text))
    }

    @Test func generatedDocumentsReadTheSameInBothParsers() {
        var generator = JSONTextGenerator(seed: 17)
        for _ in 0..<3_000 {
            let text = generator.document()
            let ours = Self.ours(text), theirs = Self.foundation(text)
            #expect(ours != nil, "ours refuses \(String(decoding: text, as: UTF8.self))")
            if ours != theirs, Self.knownDifference(text, ours: ours, theirs: theirs) != nil { continue }
            #expect(ours == theirs, "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func mutatedDocumentsAreAcceptedOrRefusedByBoth() {
        var generator = JSONTextGenerator(seed: 23)
        var refused = 0
        for _ in 0..<6_000 {
            let text = generator.mutation(of: generator.document())
            let ours = Self.ours(text), theirs = Self.foundation(text)
            if ours == nil { refused += 1 }
            if ours != theirs, Self.knownDifference(text, ours: ours, theirs: theirs) != nil { continue }
            #expect(ours == theirs, "\(String(decoding: text, as: UTF8.self).debugDescription)")
        }
        #expect(refused > 1_000, "the mutations must break documents often enough to test refusals")
    }

    @Test(arguments: [
        "", " ", "nul", "tru", "[", "]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "[1 2]", "01", "-",
        "1.", ".5", "1e", "1e+", "+1", "0E7", "0e7", "0e-7", "-0e7", "0x10", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"a\nb\"",
        "'a'", "[1]]", "{} {}", "NaN", "Infinity", "-Infinity", "\"\u{7f}\"", "1 /* c */", "[\"\\u0000\"]", "1E400",
        "-0", "-0.0e0", "123456789012345678901234567890", #"{"a":1,"a":"\x"}"#, #"{"a":1,"a":[}"#, "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "\u{FEFF}1",
    ])
    func edgeCasesAreReadAlike(text: String) {
        let bytes = Array(text.utf8)
        if let reason = Self.knownDifferences[text] {
            #expect(Self.ours(bytes) != Self.foundation(bytes), "no longer a difference: \(reason)")
            return
        }
        #expect(Self.ours(bytes) == Self.foundation(bytes))
    }

    @Test func invalidUTF8IsRefusedByBoth() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D]] {
            #expect(Self.ours(bytes) == nil)
            #expect(Self.foundation(bytes) == nil)
        }
    }

    /// Why the two parsers read `text` differently, when it is one of the differences listed in
    /// ``knownDifferences`` (a mutation can produce any of them); nil for a real disagreement.
    static func knownDifference(_ text: [UInt8], ours: JSONValue?, theirs: JSONValue?) -> String? {
        let string = String(decoding: text, as: UTF8.self)
        if ours == nil, theirs != nil, let strict = try? Regex(#",(\s*[\]}])"#),
           Self.ours(Array(string.replacing(strict) { $0.output[1].substring.map(String.init) ?? "" }.utf8)) == theirs {
            return knownDifferences["[1,]"]
        }
        if theirs == nil, let ours, ours.containsInfinity { return knownDifferences["1E400"] }
        if theirs == nil, ours != nil, let zeroExponent = try? Regex(#"(^|[^0-9.])0([eE][0-9])"#),
           Self.foundation(Array(string.replacing(zeroExponent) { match in
               (match.output[1].substring ?? "") + "0.0" + (match.output[2].substring ?? "")
           }.utf8)) == ours {
            return knownDifferences["0E7"]
        }
        if ours == nil, theirs != nil, (try? JSONSerialization.jsonObject(with: Data(text), options: .fragmentsAllowed)) == nil {
            return knownDifferences[#"{"a":1,"a":"\x"}"#]
        }
        return nil
    }

    @Test func aRepeatedNameKeepsItsFirstValueInBoth() {
        let text = Array(#"{"a": 1, "b": {"c": true}, "a": 2, "b": null}"#.utf8)
        #expect(Self.ours(text) == ["a": 1, "b": ["c": true]])
        #expect(Self.ours(text) == Self.foundation(text))
    }

    /// Texts the parsers read differently on purpose.
    static let knownDifferences: [String: String] = [
        // Foundation accepts a comma before `]` or `}`; RFC 8259 does not, nor does ours (a
        // model's or a client's sloppy JSON is refused, not guessed at).
        "[1,]": "a trailing comma in an array",
        "{\"a\":1,}": "a trailing comma in an object",
        // JSONDecoder refuses a zero followed by an exponent ("0e7", "0E7"; it reads "0e-7" and
        // "-0e7"), which RFC 8259 allows.
        "0e7": "JSONDecoder refuses 0e7",
        "0E7": "JSONDecoder refuses 0E7",
        // JSONDecoder keeps a repeated name's first value without checking the later one (a bad
        // escape there goes unnoticed; JSONSerialization refuses the text); ours reads every value.
        #"{"a":1,"a":"\x"}"#: "JSONDecoder skips the value of a repeated name unchecked",
        // Foundation skips a leading byte-order mark; RFC 8259 §8.1 says a generator must not
        // add one, and the texts fte parses (model responses, API bodies) never carry one.
        "\u{FEFF}1": "a leading byte-order mark",
        // Foundation refuses a number its Double cannot hold; ours reads it as infinity, which
        // serialises as null (JSON has no infinities): a model's 1E400 should not fail a reply.
        "1E400": "a number beyond Double's range",
    ]
}

extension JSONValue {
    /// Whether a number anywhere in the value is infinite (read from beyond `Double`'s range).
    var containsInfinity: Bool {
        switch self {
        case .number(let number): number.isInfinite
        case .array(let items): items.contains(where: \.containsInfinity)
        case .object(let members): members.values.contains(where: \.containsInfinity)
        default: false
        }
    }
}

/// Writes random JSON texts (and broken ones) from a fixed seed.
struct JSONTextGenerator {
    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    private mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

    /// A document: any value at the top level, with random whitespace around tokens.
    mutating func document() -> [UInt8] {
        var text: [UInt8] = []
        whitespace(into: &text)
        value(depth: 0, into: &text)
        whitespace(into: &text)
        return text
    }

    /// `text` with one byte removed, inserted or replaced, or cut short.
    mutating func mutation(of text: [UInt8]) -> [UInt8] {
        var text = text
        let alphabet = Array("{}[]\":,.-+eE0123456789tfnu\\ \n\tax".utf8)
        let index = text.isEmpty ? 0 : below(text.count)
        switch below(4) {
        case 0 where !text.isEmpty: text.remove(at: index)
        case 1: text.insert(alphabet[below(alphabet.count)], at: index)
        case 2 where !text.isEmpty: text[index] = alphabet[below(alphabet.count)]
        default: text = Array(text.prefix(index))
        }
        return text
    }

    private mutating func whitespace(into text: inout [UInt8]) {
        for _ in 0..<below(3) { text.append([0x20, 0x09, 0x0A, 0x0D][below(4)]) }
    }

    private mutating func value(depth: Int, into text: inout [UInt8]) {
        switch below(depth > 5 ? 5 : 7) {
        case 0: text += Array("null".utf8)
        case 1: text += Array((below(2) == 0 ? "true" : "false").utf8)
        case 2: number(into: &text)
        case 3, 4: string(into: &text)
        case 5: array(depth: depth, into: &text)
        default: object(depth: depth, into: &text)
        }
    }

    private mutating func number(into text: inout [UInt8]) {
        var number = below(3) == 0 ? "-" : ""
        number += below(4) == 0 ? "0" : String(1 + below(9)) + String((0..<below(12)).map { _ in Character(String(below(10))) })
        if below(2) == 0 { number += "." + String((0...below(6)).map { _ in Character(String(below(10))) }) }
        if below(3) == 0 { number += ["e", "E"][below(2)] + ["", "+", "-"][below(3)] + String(below(300)) }
        text += Array(number.utf8)
    }

    private mutating func string(into text: inout [UInt8]) {
        let pieces = [
            "a", "Z", "9", " ", "ü", "€", "🙂", "日本", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
            "\\u00e9", "\\u0000", "\\u001F", "\\uD83D\\uDE42", "\\u2028", "</script>", "'", "%",
        ]
        text.append(UInt8(ascii: "\""))
        for _ in 0..<below(8) { text += Array(pieces[below(pieces.count)].utf8) }
        text.append(UInt8(ascii: "\""))
    }

    private mutating func array(depth: Int, into text: inout [UInt8]) {
        text.append(UInt8(ascii: "["))
        whitespace(into: &text)
        for index in 0..<below(5) {
            if index > 0 { text.append(UInt8(ascii: ",")); whitespace(into: &text) }
            value(depth: depth + 1, into: &text)
            whitespace(into: &text)
        }
        text.append(UInt8(ascii: "]"))
    }

    private mutating func object(depth: Int, into text: inout [UInt8]) {
        text.append(UInt8(ascii: "{"))
        whitespace(into: &text)
        for index in 0..<below(5) {
            if index > 0 { text.append(UInt8(ascii: ",")); whitespace(into: &text) }
            string(into: &text)
            whitespace(into: &text)
            text.append(UInt8(ascii: ":"))
            whitespace(into: &text)
            value(depth: depth + 1, into: &text)
            whitespace(into: &text)
        }
        text.append(UInt8(ascii: "}"))
    }
}
