/// Makes realistic, unique, fictional identities for simulated people: names from a built-in
/// list, lower-case e-mail addresses at the reserved example domains, and phones in E.164 from
/// fictional ranges (`+1555xxxxxxx`, and the UK's drama range `+447700900xxx`).
struct PersonaIdentities {
    // Neither list holds a sentiment-lexicon word or an escalation word ("Sue", "Mia", "Joy" are left out).
    static let firstNames = [
        "Maria", "James", "Aisha", "Lukas", "Priya", "Tom", "Sofia", "Kenji", "Emma", "Omar", "Chloe",
        "Daniel", "Fatima", "Jonas", "Olivia", "Mateo", "Nina", "Samuel", "Hannah", "Ravi", "Elena",
        "Lucas", "Noah", "Amara", "Ines", "Yusuf", "Mei",
    ]
    static let lastNames = [
        "Lopez", "Chen", "Khan", "Becker", "Nair", "Walsh", "Rossi", "Sato", "Dubois", "Haddad",
        "Martin", "Kim", "Ali", "Berg", "Brown", "Garcia", "Novak", "Okafor", "Schmidt", "Patel",
        "Petrova", "Silva", "Jensen", "Wilson",
    ]
    static let domains = ["example.com", "example.org", "example.net"]
    /// The UK's fictional range holds only 1,000 numbers; beyond a share of them, US numbers are used.
    private static let ukNumbers = 1000

    private var emails: Set<String> = []
    private var phones: Set<String> = []

    /// A first and last name.
    mutating func name(using generator: inout SeededGenerator) -> String {
        generator.pick(Self.firstNames) + " " + generator.pick(Self.lastNames)
    }

    /// A new address like `maria.lopez.17@example.com`.
    mutating func email(for name: String, using generator: inout SeededGenerator) -> String {
        let local = name.lowercased().split(separator: " ").joined(separator: ".")
        while true {
            let address = "\(local).\(1 + generator.int(below: 999))@\(generator.pick(Self.domains))"
            if emails.insert(address).inserted { return address }
        }
    }

    /// A new phone number in E.164.
    mutating func phone(using generator: inout SeededGenerator) -> String {
        while true {
            let number = generator.chance(0.2) && phones.count < Self.ukNumbers / 2
                ? "+447700900" + Self.digits(generator.int(below: 1000), count: 3)
                : "+1555" + Self.digits(generator.int(below: 10_000_000), count: 7)
            if phones.insert(number).inserted { return number }
        }
    }

    private static func digits(_ value: Int, count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
