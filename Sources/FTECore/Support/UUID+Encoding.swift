import Foundation

extension KeyedEncodingContainer {
    /// Encodes ids in lower case, as PostgreSQL prints them and as `fte` shows them in tables,
    /// instead of Foundation's upper case. Synthesised `Encodable` conformances in this module
    /// pick this overload for `UUID` properties.
    mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.lowercasedString, forKey: key)
    }
}
