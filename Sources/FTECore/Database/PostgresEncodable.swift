import Foundation

/// A Swift value that can be sent to PostgreSQL as a text-format bind parameter.
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    public var postgresText: String { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Double: PostgresEncodable {
    public var postgresText: String { isFinite ? String(self) : (isNaN ? "NaN" : (self > 0 ? "Infinity" : "-Infinity")) }
}

extension Float: PostgresEncodable {
    public var postgresText: String { Double(self).postgresText }
}

extension Bool: PostgresEncodable {
    public var postgresText: String { self ? "t" : "f" }
}

extension UUID: PostgresEncodable {
    public var postgresText: String { lowercasedString }
}

extension Date: PostgresEncodable {
    /// ISO 8601 in UTC with microseconds, PostgreSQL's own precision.
    public var postgresText: String { PostgresTimestamp.format(self) }
}

extension Data: PostgresEncodable {
    /// `bytea` hex format.
    public var postgresText: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        bytes.reserveCapacity(2 + count * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// A PostgreSQL array literal, every element quoted and escaped: `{"a","b\"c"}`.
    public var postgresText: String {
        "{" + map { element in
            var quoted = "\""
            for ch in element.postgresText {
                if ch == "\"" || ch == "\\" { quoted.append("\\") }
                quoted.append(ch)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}

/// A value stored as `jsonb`: any `Encodable`, encoded with sorted keys.
public struct PostgresJSON<Value: Encodable & Sendable>: PostgresEncodable {
    /// The wrapped value.
    public var value: Value
    public init(_ value: Value) { self.value = value }

    public var postgresText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable values into JSON does not fail; fall back to JSON null if it does.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
