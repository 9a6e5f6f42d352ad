extension Channel {
    /// The channel's name in prose: "email", "WhatsApp", "web form".
    var displayName: String {
        switch self {
        case .email: "email"
        case .whatsapp: "WhatsApp"
        case .webForm: "web form"
        }
    }
}
