import Foundation

/// A Swift type that can be read from a column in PostgreSQL's text output format.
public protocol PostgresDecodable: Sendable {
    /// Parses the server's text for a non-NULL value; `nil` when the text is not valid.
    init?(postgresText: String)
}

extension String: PostgresDecodable {
    public init?(postgresText: String) { self = postgresText }
}

extension Int: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int32: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int64: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Double: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Float: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Bool: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension UUID: PostgresDecodable {
    public init?(postgresText: String) { self.init(canonicalText: postgresText) }
}

extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let date = PostgresTimestamp.parse(postgresText) else { return nil }
        self = date
    }
}

/// One result row: values in the server's text format, addressed by column name or index.
public struct DatabaseRow: Sendable {
    let columns: ColumnIndex
    let values: [String?]

    /// The column names in result order.
    public var columnNames: [String] { columns.names }

    /// The raw text of a column (`nil` for NULL).
    public func text(_ column: String) throws -> String? {
        values[try columns.position(of: column)]
    }

    /// Decodes a non-NULL column.
    /// - Throws: ``DatabaseError`` `decodingFailed` for NULL, a missing column or unparseable text.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = try decode(column, as: T?.self) else {
            throw DatabaseError(.decodingFailed, "column \(column) is NULL, expected \(T.self)")
        }
        return value
    }

    /// Decodes a nullable column.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type = T?.self) throws -> T? {
        guard let text = values[try columns.position(of: column)] else { return nil }
        guard let value = T(postgresText: text) else {
            throw DatabaseError(.decodingFailed, "column \(column) is not a valid \(T.self)")
        }
        return value
    }

    /// Decodes a `json`/`jsonb` column into a `Decodable` type.
    public func decodeJSON<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard let text = values[try columns.position(of: column)] else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw DatabaseError(.decodingFailed, "column \(column) is not valid JSON for \(T.self)")
        }
    }
}

/// Column names of a result, shared by all of its rows.
final class ColumnIndex: Sendable {
    let names: [String]
    private let positions: [String: Int]

    init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }

    func position(of name: String) throws -> Int {
        guard let p = positions[name] else {
            throw DatabaseError(.decodingFailed, "the result has no column named \(name)")
        }
        return p
    }
}

/// A type that can be built from a result row.
public protocol DatabaseRowDecodable: Sendable {
    /// Reads the fields of `row`.
    init(row: DatabaseRow) throws
}
