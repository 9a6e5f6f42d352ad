/// Why a Twilio webhook body (inbound message or status callback) was rejected: the field is
/// named, its value is not (it may be personal data).
public struct TwilioWebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the field.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case missingField, invalidField }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A required field is absent or empty.
        public static let missingField = Code(.missingField)
        /// A field is present but its value has the wrong shape.
        public static let invalidField = Code(.invalidField)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The Twilio field name, e.g. `MessageSid`.
    public var field: String
    /// What shape was expected, for ``Code/invalidField``.
    public var expected: String?

    public init(_ code: Code, field: String, expected: String? = nil) {
        self.code = code
        self.field = field
        self.expected = expected
    }

    public var description: String {
        code == .missingField
            ? "the webhook has no \(field) field"
            : "the webhook's \(field) field is invalid" + (expected.map { ": expected \($0)" } ?? "")
    }
}

extension [FormField] {
    /// The value of a field that must be present and non-empty.
    func requiredValue(_ name: String) throws(TwilioWebhookError) -> String {
        guard let value = value(of: name)?.trimmingWhitespace(), !value.isEmpty else {
            throw TwilioWebhookError(.missingField, field: name)
        }
        return value
    }

    /// The trimmed value of an optional field; nil when absent or blank.
    func nonBlankValue(_ name: String) -> String? {
        guard let value = value(of: name)?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// A Twilio message id: `SM` or `MM` followed by 32 hex digits.
    func messageSID(_ name: String = "MessageSid") throws(TwilioWebhookError) -> String {
        let sid = try requiredValue(name)
        guard TwilioSID.isValid(sid, prefix: "SM") || TwilioSID.isValid(sid, prefix: "MM") else {
            throw TwilioWebhookError(.invalidField, field: name, expected: "SM or MM followed by 32 hex digits")
        }
        return sid
    }
}
