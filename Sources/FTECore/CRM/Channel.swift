/// A channel customers write through.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case email
    case whatsapp
    case webForm = "web_form"
}

/// Where a ticket is in its life.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case open, processing, resolved, escalated
}

/// How urgent a ticket is.
public enum TicketPriority: String, Sendable, Codable, CaseIterable {
    case low, medium, high
}

/// What a ticket is about.
public enum TicketCategory: String, Sendable, Codable, CaseIterable {
    case general, technical, billing
    case bugReport = "bug_report"
    case feedback
}
