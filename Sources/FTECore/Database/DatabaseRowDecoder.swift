/// Reads a `Decodable` record from a result row: each of its coding keys names a column, and
/// each stored property is a ``PostgresDecodable`` type (optional for nullable columns).
///
/// A record that is `Decodable` gets ``DatabaseRowDecodable/init(row:)`` from its `CodingKeys`,
/// the same keys that name its fields in JSON output:
///
/// ```swift
/// struct EscalationRecord: Codable, DatabaseRowDecodable {
///     var id: UUID
///     var createdAt: Date
///     enum CodingKeys: String, CodingKey { case id, createdAt = "created_at" }
/// }
/// let escalations = try await database.query(EscalationRecord.self, "SELECT id, created_at FROM escalations")
/// ```
///
/// Hand-written `init(row:)` stays for rows on hot paths (the Decoder costs a little per field)
/// and for records built from more than plain columns (JSON columns, nested values).
struct DatabaseRowDecoder: Decoder {
    let row: DatabaseRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowColumns<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DatabaseError(.decodingFailed, "a result row holds named columns, not a list")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DatabaseError(.decodingFailed, "a result row holds named columns, not a single value")
    }
}

/// The columns of one row, by coding key. Every key is taken to name a column: a column the
/// query did not select is an error when read (as with ``DatabaseRow/decode(_:as:)``), not nil.
private struct RowColumns<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: DatabaseRow
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.columnNames.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        try row.text(key.stringValue) == nil
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(of: type, key)
    }

    /// The column as `T`, which must be a ``PostgresDecodable`` type.
    private func value<T: Decodable>(of type: T.Type, _ key: Key) throws -> T {
        guard let columnType = T.self as? any PostgresDecodable.Type,
              let value = try column(key, as: columnType) as? T
        else { throw DatabaseError(.decodingFailed, "column \(key.stringValue): \(T.self) is not a column type") }
        return value
    }

    private func column<C: PostgresDecodable>(_ key: Key, as type: C.Type) throws -> C {
        try row.decode(key.stringValue, as: C.self)
    }

    // The standard library's scalar types, which the protocol asks for one by one.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(of: type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(of: type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(of: type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(of: type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(of: type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(of: type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(of: type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(of: type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(of: type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(of: type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(of: type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(of: type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(of: type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(of: type, key) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw DatabaseError(.decodingFailed, "column \(key.stringValue) is not a nested record")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DatabaseError(.decodingFailed, "column \(key.stringValue) is not a list")
    }

    func superDecoder() throws -> any Decoder { DatabaseRowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> any Decoder { DatabaseRowDecoder(row: row) }
}

extension DatabaseRowDecodable where Self: Decodable {
    /// Reads the record's fields from the columns its coding keys name.
    /// - Throws: ``DatabaseError`` `decodingFailed` for a missing column, NULL in a non-optional
    ///   field or unparseable text.
    public init(row: DatabaseRow) throws {
        self = try Self(from: DatabaseRowDecoder(row: row))
    }
}
