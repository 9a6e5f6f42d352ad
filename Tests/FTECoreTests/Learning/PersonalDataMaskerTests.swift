@testable import FTECore
import Foundation
import Testing

/// Personal data in free text, in the formats customers really write them.
@Suite struct PersonalDataMaskerTests {
    let masker = PersonalDataMasker()

    @Test(arguments: [
        "jane@example.com", "Jane.Doe+support@Mail.Example.co.uk", "o'brien@example.ie", "first_last-99@sub.domain.io",
        "x@y.museum", "müller@example.de".replacingOccurrences(of: "ü", with: "u"),
    ])
    func emailAddressesAreMasked(_ address: String) {
        let masked = masker.mask("Please write to \(address) tomorrow.")
        #expect(masked == "Please write to [email] tomorrow.", "\(address) → \(masked)")
    }

    @Test(arguments: [
        "+1 415 555 0100", "+14155550100", "(415) 555-0100", "415-555-0100", "415.555.0100", "+44 20 7946 0958", "020 7946 0958",
        "+49 (0)30 1234567", "030/1234567", "0151 23456789", "+33 6 12 34 56 78", "06 12 34 56 78", "+34 612 34 56 78",
        "+31 6 12345678", "+61 2 9876 5432", "+81 3-1234-5678", "+91 98765 43210", "+55 11 99999-0000", "0044 20 7946 0958",
        "+39 06 1234 5678", "+86 138 0013 8000",
    ])
    func phoneNumbersInNationalAndInternationalFormatsAreMasked(_ phone: String) {
        let masked = masker.mask("Call me on \(phone) after 5.")
        #expect(masked == "Call me on [phone] after 5.", "\(phone) → \(masked)")
    }

    @Test(arguments: [
        "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004", "3400 000000 00009",
        "6011 0009 9013 9424", "3530 1113 3330 0000",
    ])
    func cardNumbersThatPassTheLuhnCheckAreMaskedAsCards(_ card: String) {
        #expect(masker.mask("My card \(card) was charged twice.") == "My card [card] was charged twice.", "\(card)")
    }

    @Test func longNumbersThatAreNotCardsAreStillMasked() {
        // 16 digits failing the Luhn check are no card, but no less personal.
        #expect(masker.mask("Account 4111 1111 1111 1112 please") == "Account [order number] please")
        #expect(masker.mask("It is 4111111111111112.") == "It is [number].")
        #expect(masker.mask("customer 123456789") == "customer [order number]")
        #expect(masker.mask("Tracking: 9400111899223100001234") == "Tracking [order number]")
        #expect(masker.mask("ref 12345678 and 98765432") == "ref [order number] and [number]")
    }

    @Test(arguments: [
        "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB29 NWBK 6016 1331 9268 19", "FR14 2004 1010 0505 0001 3M02 606",
        "NL91ABNA0417164300", "ES91 2100 0418 4502 0005 1332",
    ])
    func ibanLikeAccountNumbersAreMasked(_ iban: String) {
        #expect(masker.mask("Refund to \(iban) please") == "Refund to [iban] please", "\(iban) → \(masker.mask("Refund to \(iban) please"))")
    }

    @Test(arguments: [
        ("My order #A-48213 never arrived", "My order [order number] never arrived"),
        ("order number 1002345 is late", "order [order number] is late"),
        ("Invoice no. INV-2024-0012 is wrong", "Invoice [order number] is wrong"),
        ("Bestellnummer 77812345 fehlt", "Bestellnummer [order number] fehlt"),
        ("ma commande n° 45873 est en retard", "ma commande [order number] est en retard"),
        ("el pedido 99120 no llegó", "el pedido [order number] no llegó"),
        ("see ticket #884213 for details", "see ticket [order number] for details"),
        ("Booking ref: XK9P2Q7 changed", "Booking ref [order number] changed"),
    ])
    func orderAndReferenceNumbersAreMasked(_ input: String, _ expected: String) {
        #expect(masker.mask(input) == expected, "\(input) → \(masker.mask(input))")
    }

    @Test(arguments: [
        "It crashed on 2026-11-24 at 10:30.", "Since 24.11.2026 the export fails.", "We paid 1200.00 EUR for 40 seats.",
        "Version 2.14.3 on iOS 17.2", "Step 3 of 5 fails", "between 2019-2024 we used it", "It costs $1,200 a year.",
        "Our 12 boards and 3 teams", "Error code 500 on /api/v2/boards",
    ])
    func datesTimesAmountsAndVersionsAreKept(_ text: String) {
        #expect(masker.mask(text) == text, "\(text) → \(masker.mask(text))")
    }

    @Test func namesTheCallerKnowsAndSelfIntroductionsAreMasked() {
        let known = PersonalDataMasker(knownNames: ["Jane Doe"])
        #expect(known.mask("Jane asked whether DOE could help jane's team") == "[name] asked whether [name] could help [name]'s team")
        #expect(masker.mask("Hello, my name is Maria Gonzalez and I need help") == "Hello, my name is [name] and I need help")
        #expect(masker.mask("Bonjour, je m'appelle Jean Dupont.") == "Bonjour, je m'appelle [name].")
        #expect(masker.mask("Ich heiße Jürgen Müller, bitte helfen") == "Ich heiße [name], bitte helfen")
    }

    @Test func urlsKeepThePageButLoseTheirQuery() {
        #expect(masker.mask("See https://app.example.com/boards/42?token=abc123&email=x#top now")
            == "See https://app.example.com/boards/42 now")
    }

    @Test func theLuhnCheck() {
        #expect(PersonalDataMasker.luhnValid("4111111111111111"))
        #expect(PersonalDataMasker.luhnValid("79927398713"))
        #expect(!PersonalDataMasker.luhnValid("4111111111111112"))
    }
}
