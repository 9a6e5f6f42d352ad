import Foundation
import Logging

/// A log handler writing one JSON object per line to standard error, with e-mail addresses
/// and phone numbers masked in the message and metadata (see ``PersonalDataRedactor``).
///
/// Fields: `time` (ISO 8601, UTC), `level`, `logger`, `message`, then the metadata.
public struct StructuredLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// - Parameter write: receives each finished line (standard error by default; tests capture it).
    public init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = Self.standardError) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit { merged.merge(explicit) { $1 } }
        var object: [String: JSONValue] = [:]
        for (key, value) in merged { object[key] = Self.json(value) }
        object["time"] = .string(ISO8601Timestamp.string(from: Date()))
        object["level"] = .string(level.rawValue)
        object["logger"] = .string(label)
        object["message"] = .string(PersonalDataRedactor.redact(message.description))
        write(JSONValue.object(object).jsonString)
    }

    /// A metadata value as JSON (an open shape), personal data masked.
    private static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): .string(PersonalDataRedactor.redact(text))
        case .stringConvertible(let convertible): .string(PersonalDataRedactor.redact(convertible.description))
        case .array(let values): .array(values.map(json))
        case .dictionary(let values): .object(values.mapValues(json))
        }
    }

    /// Writes a line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
