import Foundation

/// The limits SPEC.md sets on the web form.
public enum WebFormRules {
    public static let nameLength = 2...100
    public static let subjectLength = 5...200
    public static let messageLength = 10...1000
    /// The form's version, recorded in each event's metadata.
    public static let formVersion = "1"
}

/// Field-by-field reasons a submission was refused (HTTP 422), keyed by field name.
public struct WebFormValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var fieldErrors: [String: String]

    public init(_ fieldErrors: [String: String]) {
        self.fieldErrors = fieldErrors
    }

    public var description: String {
        fieldErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

extension WebFormSubmission {
    /// Checks every field and builds the queue event for ticket `ticketID` (a `submission_id` is
    /// checked but does not change the id).
    /// - Throws: `WebFormValidationError` listing every field that is missing or invalid.
    public func validated(ticketID: UUID, receivedAt: Date = Date()) throws -> IncomingEvent {
        try validated(idempotencyKey: nil, receivedAt: receivedAt) { _, _, _ in ticketID }.event
    }

    /// Checks every field, the submission key among them (`submission_id`, else `idempotencyKey`,
    /// the `Idempotency-Key` header; see ``SubmissionKey/of(field:header:now:)``), and builds the
    /// queue event. The ticket id is derived from the key, the e-mail address and the message
    /// (``TicketIDIssuer/ticketID(for:email:message:)``), or new when there is no key.
    /// - Throws: `WebFormValidationError` listing every field that is missing or invalid.
    public func validated(
        ticketIDs: TicketIDIssuer, idempotencyKey: String? = nil, receivedAt: Date = Date()
    ) throws -> (ticketID: UUID, event: IncomingEvent) {
        try validated(idempotencyKey: idempotencyKey, receivedAt: receivedAt) { key, email, message in
            key.map { ticketIDs.ticketID(for: $0, email: email, message: message) } ?? ticketIDs.issue(now: receivedAt)
        }
    }

    private func validated(
        idempotencyKey: String?, receivedAt: Date,
        ticketID: (_ key: SubmissionKey?, _ email: String, _ message: String) -> UUID
    ) throws -> (ticketID: UUID, event: IncomingEvent) {
        var errors: [String: String] = [:]
        for field in mistypedFields { errors[field] = "must be text" }

        var key: SubmissionKey?
        if errors["submission_id"] == nil {
            do {
                key = try SubmissionKey.of(field: submissionID, header: idempotencyKey, now: receivedAt)
            } catch {
                errors["submission_id"] = error.message
            }
        }

        let name = Self.displayed(self.name, of: "name", into: &errors)
        let subject = Self.displayed(self.subject, of: "subject", into: &errors)
        let message = Self.clean(self.message, keepingLines: true)
        Self.checkLength(name, of: "name", in: WebFormRules.nameLength, into: &errors)
        Self.checkLength(subject, of: "subject", in: WebFormRules.subjectLength, into: &errors)
        Self.checkLength(message, of: "message", in: WebFormRules.messageLength, into: &errors)

        let rawEmail = Self.clean(self.email)
        let email = rawEmail.flatMap(ContactAddress.normalizedEmail)
        if errors["email"] == nil {
            if rawEmail == nil {
                errors["email"] = "is required"
            } else if email == nil {
                errors["email"] = "must be a valid e-mail address, like name@example.com"
            }
        }

        var category: TicketCategory?
        if errors["category"] == nil {
            let rawCategory = Self.clean(self.category)
            category = rawCategory.flatMap(TicketCategory.init(rawValue:))
            if category == nil {
                let allowed = TicketCategory.allCases.map(\.rawValue).joined(separator: ", ")
                errors["category"] = rawCategory == nil ? "is required" : "must be one of \(allowed)"
            }
        }

        var priority = TicketPriority.medium
        if let text = Self.clean(self.priority), errors["priority"] == nil {
            if let value = TicketPriority(rawValue: text) {
                priority = value
            } else {
                errors["priority"] = "must be one of low, medium, high"
            }
        }

        var phone: String?
        if let text = Self.clean(self.phone), errors["phone"] == nil {
            phone = ContactAddress.normalizedPhone(text)
            if phone == nil { errors["phone"] = "must be an international number, like +14155550100" }
        }

        guard errors.isEmpty, let name, let subject, let message, let email, let category else {
            throw WebFormValidationError(errors)
        }
        let id = ticketID(key, email, message)
        let event = IncomingEvent(
            channel: .webForm, channelMessageID: id.lowercasedString,
            customer: .init(email: email, phone: phone, name: name), subject: subject, content: message,
            category: category, priority: priority, receivedAt: receivedAt,
            metadata: ["form_version": WebFormRules.formVersion])
        return (id, event)
    }

    private static func checkLength(
        _ value: String?, of field: String, in range: ClosedRange<Int>, into errors: inout [String: String]
    ) {
        guard errors[field] == nil else { return }
        guard let value else {
            errors[field] = "is required"
            return
        }
        if DisplayText.length(value) < range.lowerBound {
            errors[field] = "must be at least \(range.lowerBound) characters"
        } else if value.count > range.upperBound {
            errors[field] = "must be at most \(range.upperBound) characters"
        }
    }

    /// A name or subject as others will read it: ``clean(_:keepingLines:)``, then without
    /// bidirectional controls (see ``DisplayText``); text made only of invisible characters
    /// (zero-width spaces, bidi overrides…) is an error of `field`.
    static func displayed(_ text: String?, of field: String, into errors: inout [String: String]) -> String? {
        guard let cleaned = clean(text) else { return nil }
        guard let visible = DisplayText.cleaned(cleaned) else {
            if errors[field] == nil { errors[field] = "must contain visible characters" }
            return nil
        }
        return visible
    }

    /// Trims the text and drops control characters (keeping line breaks and tabs in long
    /// text); empty text counts as missing.
    static func clean(_ text: String?, keepingLines: Bool = false) -> String? {
        guard let text else { return nil }
        // Fast path: no C0/C1 control characters or DEL (C1 ones start with the byte 0xC2).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else {
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        let kept = text.unicodeScalars.filter { scalar in
            if keepingLines && (scalar == "\n" || scalar == "\t") { return true }
            return !(scalar.properties.generalCategory == .control)
        }
        let result = String(String.UnicodeScalarView(kept)).trimmingWhitespace()
        return result.isEmpty ? nil : result
    }
}
