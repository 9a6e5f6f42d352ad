/// Why a form-encoded body could not be decoded. ``description`` names the problem and the
/// field, never the field's value.
public struct FormURLEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the body.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case malformedPercentEscape, invalidUTF8 }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A `%` not followed by two hex digits.
        public static let malformedPercentEscape = Code(.malformedPercentEscape)
        /// The decoded bytes of a name or value are not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The field whose value is malformed; nil when a field name itself is.
    public var field: String?
    /// The offending escape (e.g. `'%G1'`), when that is what is wrong.
    public var detail: String?

    public init(_ code: Code, field: String?, detail: String?) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    public var description: String {
        let place = field.map { "value of field '\($0)'" } ?? "a field name"
        switch code {
        case .malformedPercentEscape: return "malformed percent escape \(detail ?? "") in \(place)"
        default: return "\(place) is not valid UTF-8 after percent-decoding"
        }
    }
}
