import FTECore
import Foundation
import MCP

/// A tool call's arguments, read field by field. Every problem is a ``ToolFailure`` that names
/// the field: a missing required one, a value of the wrong type or out of range, or a field the
/// tool does not take. `null` counts as absent.
struct ToolArguments: Sendable {
    private let values: [String: Value]

    /// - Parameters:
    ///   - values: the call's `arguments`.
    ///   - accepted: the fields the tool's schema declares; any other field is refused.
    ///   - tool: the tool's name, for the message.
    init(_ values: [String: Value]?, accepted: [String], tool: String) throws(ToolFailure) {
        let values = (values ?? [:]).filter { !$0.value.isNull }
        if let unknown = values.keys.sorted().first(where: { !accepted.contains($0) }) {
            let takes = accepted.isEmpty ? "no arguments" : "only " + accepted.map { "`\($0)`" }.joined(separator: ", ")
            throw ToolFailure("unknown argument `\(unknown)`: \(tool) takes \(takes)")
        }
        self.values = values
    }

    /// A required text, trimmed; empty text counts as missing.
    func text(_ field: String, maxLength: Int) throws(ToolFailure) -> String {
        guard let text = try optionalText(field, maxLength: maxLength) else {
            throw ToolFailure("missing required argument `\(field)`")
        }
        return text
    }

    /// An optional text, trimmed; `nil` when absent or blank.
    func optionalText(_ field: String, maxLength: Int) throws(ToolFailure) -> String? {
        guard let value = values[field] else { return nil }
        let raw: String
        switch value {
        case .string(let string): raw = string
        // The SDK decodes a string that is a data: URL as binary data; it is still the text sent.
        case .data(let mimeType, let data): raw = data.dataURLEncoded(mimeType: mimeType)
        default: throw .invalid(field, "must be a string (got \(Self.kind(of: value)))")
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        guard !text.unicodeScalars.contains("\0") else { throw .invalid(field, "must not contain NUL characters") }
        guard text.count <= maxLength else {
            throw .invalid(field, "must be at most \(maxLength) characters (got \(text.count))")
        }
        return text
    }

    /// An optional whole number in `range`, else `defaultValue`.
    func integer(_ field: String, in range: ClosedRange<Int>, default defaultValue: Int) throws(ToolFailure) -> Int {
        guard let value = values[field] else { return defaultValue }
        let number: Int? = switch value {
        case .int(let int): int
        case .double(let double) where double.rounded() == double && abs(double) < 1e15: Int(double)
        default: nil
        }
        guard let number else {
            throw .invalid(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(Self.kind(of: value)))")
        }
        guard range.contains(number) else {
            throw .invalid(field, "must be from \(range.lowerBound) to \(range.upperBound) (got \(number))")
        }
        return number
    }

    /// An optional boolean, else `defaultValue`.
    func boolean(_ field: String, default defaultValue: Bool) throws(ToolFailure) -> Bool {
        guard let value = values[field] else { return defaultValue }
        guard let bool = value.boolValue else { throw .invalid(field, "must be true or false (got \(Self.kind(of: value)))") }
        return bool
    }

    /// A required ticket id.
    func ticketID(_ field: String = "ticket_id") throws(ToolFailure) -> UUID {
        let text = try text(field, maxLength: 100)
        guard let id = UUID(uuidString: text) else {
            throw .invalid(field, "must be a ticket id, a UUID such as 3f2b5c1e-8d4a-4c1e-9f00-2a6b7c8d9e0f (got \(Self.quoted(text)))")
        }
        return id
    }

    /// An optional value of a string enumeration.
    func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ type: T.Type) throws(ToolFailure) -> T? where T.RawValue == String {
        guard let text = try optionalText(field, maxLength: 100) else { return nil }
        guard let value = T(rawValue: text) else {
            throw .invalid(field, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) (got \(Self.quoted(text)))")
        }
        return value
    }

    /// A value's JSON type, or a short quote of a string, for messages.
    private static func kind(of value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string(let text): quoted(text)
        case .data: "binary data"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// `text` in quotes, cut at 40 characters.
    static func quoted(_ text: String) -> String {
        "\"\(text.count > 40 ? text.prefix(39) + "…" : Substring(text))\""
    }
}
