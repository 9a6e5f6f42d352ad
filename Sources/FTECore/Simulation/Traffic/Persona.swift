/// A simulated person: the identifiers they write from, which are one person by ground truth.
public struct Persona: Sendable, Codable, Equatable {
    /// Stable within a run (0, 1, 2…).
    public var id: Int
    /// The name they sign with and type into the web form.
    public var name: String
    /// Their e-mail address (lower-case), when they have one.
    public var email: String?
    /// Their phone in E.164 (`+1555…`), when they have one.
    public var phone: String?

    public init(id: Int, name: String, email: String?, phone: String?) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
    }
}
