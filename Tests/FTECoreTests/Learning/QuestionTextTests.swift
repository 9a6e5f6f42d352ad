@testable import FTECore
import Testing

/// Cleaning what customers and colleagues write into knowledge-base text: quoted mail in the
/// styles of several mail clients and languages, signatures, greetings and closings.
@Suite struct QuestionTextTests {
    @Test(arguments: [
        // Gmail
        "How do I add a guest to a board?\n\nOn Mon, Dec 7, 2026 at 9:12 AM Nimbus Support <support@fte.example> wrote:\n> Hello Jane,\n> thanks for writing.",
        // Gmail, the attribution wrapped over two lines
        "How do I add a guest to a board?\n\nOn Mon, 7 Dec 2026 at 09:12, Nimbus Support <support@fte.example>\nwrote:\n> Hello",
        // Apple Mail
        "How do I add a guest to a board?\n\n> On 7 Dec 2026, at 09:12, Nimbus <support@fte.example> wrote:\n> \n> Hello",
        // Outlook
        "How do I add a guest to a board?\n\n________________________________\nFrom: Nimbus Support <support@fte.example>\nSent: Monday, December 7, 2026 9:12 AM\nTo: Jane Doe <jane@example.com>\nSubject: RE: Guests\n\nHello Jane,",
        // Outlook, older style
        "How do I add a guest to a board?\n\n-----Original Message-----\nFrom: Nimbus Support\nSent: 07 December 2026 09:12\nTo: jane@example.com",
        // German Outlook and Gmail
        "How do I add a guest to a board?\n\nVon: Nimbus Support <support@fte.example>\nGesendet: Montag, 7. Dezember 2026 09:12\nAn: Jane",
        "How do I add a guest to a board?\n\nAm Mo., 7. Dez. 2026 um 09:12 Uhr schrieb Nimbus Support <support@fte.example>:\n> Hallo",
        "How do I add a guest to a board?\n\n-----Ursprüngliche Nachricht-----\nVon: Nimbus",
        // French, Spanish, Dutch, Italian, Portuguese
        "How do I add a guest to a board?\n\nLe lun. 7 déc. 2026 à 09:12, Nimbus Support <support@fte.example> a écrit :\n> Bonjour",
        "How do I add a guest to a board?\n\nDe : Nimbus Support\nEnvoyé : lundi 7 décembre 2026 09:12\nÀ : Jane",
        "How do I add a guest to a board?\n\nEl lun, 7 dic 2026 a las 9:12, Nimbus (<support@fte.example>) escribió:\n> Hola",
        "How do I add a guest to a board?\n\nOp ma 7 dec. 2026 om 09:12 schreef Nimbus Support <support@fte.example>:\n> Hallo",
        "How do I add a guest to a board?\n\nIl giorno lun 7 dic 2026 alle ore 09:12 Nimbus ha scritto:\n> Ciao",
        "How do I add a guest to a board?\n\nEm seg., 7 de dez. de 2026 às 09:12, Nimbus <support@fte.example> escreveu:\n> Olá",
        // Forwarded
        "How do I add a guest to a board?\n\n---------- Forwarded message ---------\nFrom: Nimbus",
        // Bare quoted lines
        "> Hello Jane,\n> How can we help?\nHow do I add a guest to a board?",
    ])
    func quotedHistoryIsDropped(_ mail: String) {
        #expect(QuestionText.clean(mail) == "How do I add a guest to a board?", "\(mail)\n→ \(QuestionText.clean(mail))")
    }

    @Test(arguments: [
        "How do I add a guest to a board?\n\n-- \nJane Doe\nHead of Operations, Acme\n+1 415 555 0100",
        "How do I add a guest to a board?\n\nSent from my iPhone",
        "How do I add a guest to a board?\n\nGet Outlook for Android",
        "How do I add a guest to a board?\nVon meinem iPhone gesendet",
        "How do I add a guest to a board?\n\nEnvoyé de mon iPad",
        "How do I add a guest to a board?\n\nBest regards,\nJane Doe\nAcme Corp.",
        "How do I add a guest to a board?\n\nKind regards\nJane",
        "How do I add a guest to a board?\n\nThanks in advance!\nJ.",
        "How do I add a guest to a board?\n\nThanks, Jane",
        "How do I add a guest to a board?\n\nMit freundlichen Grüßen\nJürgen Müller\nMüller GmbH",
        "How do I add a guest to a board?\n\nCordialement,\nJean Dupont",
        "How do I add a guest to a board?\n\nSaludos,\nMaría",
        "How do I add a guest to a board?\n\nMet vriendelijke groet,\nJan de Vries",
        "How do I add a guest to a board?\n\nCordiali saluti\nGiulia Rossi",
        "How do I add a guest to a board?\n\nAtenciosamente,\nJoão Silva",
        "How do I add a guest to a board? Best regards, Li Wei",
        "How do I add a guest to a board? Thanks!",
    ])
    func signaturesAndClosingsAreDropped(_ mail: String) {
        #expect(QuestionText.clean(mail) == "How do I add a guest to a board?", "\(mail)\n→ \(QuestionText.clean(mail))")
    }

    @Test(arguments: [
        ("Hi,\nHow do I add a guest to a board?", "How do I add a guest to a board?"),
        ("Hello team!\n\nHow do I add a guest to a board?", "How do I add a guest to a board?"),
        ("Dear Support,\nHow do I add a guest to a board?", "How do I add a guest to a board?"),
        ("Hi there, how do I add a guest to a board?", "How do I add a guest to a board?"),
        ("Good morning,\nhow do I add a guest to a board?", "How do I add a guest to a board?"),
        ("Hallo zusammen,\nWie lade ich einen Gast ein?", "Wie lade ich einen Gast ein?"),
        ("Bonjour, comment inviter un invité ?", "Comment inviter un invité ?"),
        ("Hola, ¿cómo invito a un invitado?", "¿cómo invito a un invitado?"),
        ("Hey Nimbus folks: how do I add a guest to a board?", "How do I add a guest to a board?"),
    ])
    func greetingsAreDropped(_ mail: String, _ expected: String) {
        #expect(QuestionText.clean(mail) == expected, "\(mail)\n→ \(QuestionText.clean(mail))")
    }

    @Test func whatIsLeftIsTheQuestionWithItsPersonalDataMasked() {
        let mail = """
            Hi Nimbus team,

            my invoice INV-2026-0042 shows 12 seats but we only have 10. Can you fix it? My card ending 4242 was \
            charged; the number is 4242 4242 4242 4242. Call me at (415) 555-0100 or write to jane.doe@acme.com.

            Thanks,
            Jane Doe
            Acme Inc.

            On Mon, Dec 7, 2026 at 9:12 AM Nimbus <support@fte.example> wrote:
            > Hello Jane
            """
        let cleaned = QuestionText.clean(mail, knownNames: ["Jane Doe"])
        #expect(cleaned == """
            My invoice [order number] shows 12 seats but we only have 10. Can you fix it? My card ending 4242 was \
            charged; the number is [card]. Call me at [phone] or write to [email].
            """)
    }

    @Test func aColleaguesAnswerKeepsItsStepsAndLosesTheLetterAroundIt() {
        let answer = "Hi Jane,\n\nYou can do it in two steps:\n1. Open Settings > Billing.\n2. Click   Download.\n\n\nBest,\nAna\nNimbus Support"
        #expect(QuestionText.clean(answer, knownNames: ["Jane Doe"]) == "You can do it in two steps:\n1. Open Settings > Billing.\n2. Click Download.")
    }

    @Test func nothingButAGreetingLeavesNothing() {
        #expect(QuestionText.clean("Hi!") == "")
        #expect(QuestionText.excerpt("Hello,\nthis is a long message with many words in it to cut", words: 5) == "This is a long message …")
    }

    @Test func subjectsJoinTheQuestionUnlessTheyRepeatIt() {
        #expect(Question.text(content: "Is there a dark mode?", subject: "Re: Dark mode", knownNames: []) == "Dark mode. Is there a dark mode?")
        #expect(Question.text(content: "Dark mode please", subject: "Dark mode", knownNames: []) == "Dark mode please")
        #expect(Question.text(content: "Is there one?", subject: "Dark mode?", knownNames: []) == "Dark mode? Is there one?")
        #expect(Question.text(content: "hi", subject: "Invoice for jane@example.com", knownNames: []) == "Invoice for [email]")
    }
}
