@testable import FTECore
import Foundation
import Testing

@Suite struct PriceScannerTests {
    /// The regular expression the scanner replaced: both must find the same first price.
    nonisolated(unsafe) static let reference = #/
          (?i)
            (?: [$€£¥₹] | \b(?:usd|eur|gbp|cad|aud|nzd|chf|jpy|inr|sek|nok|dkk)(?![a-z]) ) \s? \d+(?:[.,]\d+)*
          | \b\d+(?:[.,]\d+)* \s? (?: [$€£¥₹]
                             | (?:usd|eur|gbp|cad|aud|nzd|chf|jpy|inr|sek|nok|dkk|dollars?|euros?|pounds?|bucks|cents?)\b )
          | \b\d+(?:[.,]\d+)* \s* (?: / | per\b | a\b ) \s* (?:month|mo|year|yr|annum)\b
        /#

    static let crafted = [
        "$49", "$ 49", "49$", "49 $", "USD49", "usd 49", "USDx 49", "49usd", "49 usdx", "49 USD.", "1,200.50 EUR",
        "10€ or 12 £", "9.99 euros", "9.99 euro", "9 euroS", "3 bucks", "50 cents", "50 centsy", "20 Dollars!",
        "10 per month", "10 per months", "10/mo", "10 / yr", "10 a year", "10 a years", "10 an year", "10  per  annum",
        "8/mo.", "24/7", "version 2.0", "error 404", "x49 dollars", "_49 dollars", "49_ dollars", "4.5.6 USD",
        "3.14 USD", ".5 USD", "USD .5", "€", "$HOME", "pay in CHF 20", "JPY¥100", "¥100", "₹ 500", "500₹",
        "price: 10 / month", "10 per\tmonth", "10\nper month", "Zahl ١٢ dollars", "café 10 euros", "naïve10 USD",
        "a $5 fee and 10 USD", "up to 10 boards", "5 reports per month", "12 a month", "12 a mo", "12 a", "",
    ]

    @Test func agreesWithTheRegularExpressionOnCraftedTexts() {
        for text in Self.crafted { expectSame(text) }
    }

    @Test func agreesWithTheRegularExpressionOnTheSampleKnowledgeBase() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../samples/knowledge-base").standardizedFileURL
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var paragraphs = 0
        for case let file as URL in files where file.pathExtension == "md" {
            for paragraph in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n\n") {
                expectSame(paragraph)
                paragraphs += 1
            }
        }
        #expect(paragraphs > 100)
    }

    /// A ticket reference's hex digits can spell "4cad" or "cad7" (about 1 reply in 1,000):
    /// the reply checks read past UUIDs, and still find a real price beside one.
    @Test func aTicketReferenceIsNotAPrice() {
        for reference in ["3f428d04-db93-4cad-8e38-67e8d96188f6", "cad7e0aa-1b2c-4d3e-8f90-0123456789ab", "0088F847-0961-8CAD-9E6A-2B4AF6D2DC80"] {
            #expect(PriceScanner.firstPrice(in: reference) != nil, "the plain scanner reads \(reference) as an amount")
            #expect(PriceScanner.firstPrice(ignoringIdentifiersIn: "Ticket reference: \(reference)") == nil, "\(reference)")
            #expect(PriceScanner.firstPrice(ignoringIdentifiersIn: "Ticket reference: \(reference). The plan is USD 49.") == "USD 49")
        }
        let violations = ReplyChecks().violations(
            in: "Your ticket 3f428d04-db93-4cad-8e38-67e8d96188f6 is open.", channel: .email, kind: .notice, performedActions: [])
        #expect(violations.isEmpty, "\(violations)")
    }

    private func expectSame(_ text: String) {
        let expected = text.firstMatch(of: Self.reference).map { String(text[$0.range]) }
        #expect(PriceScanner.firstPrice(in: text) == expected, "\(text)")
    }
}
