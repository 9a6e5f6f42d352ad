/// A pgvector `vector` value.
public struct PGVector: Sendable, Equatable, PostgresEncodable, PostgresDecodable {
    public var values: [Float]

    public init(_ values: [Float]) {
        self.values = values
    }

    /// `[0.1,0.2,…]`, pgvector's text format.
    /// Non-finite components, which pgvector refuses, are written as 0.
    public var postgresText: String {
        var text: [UInt8] = []
        text.reserveCapacity(values.count * 12 + 2)
        text.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            if value.isFinite { text.append(contentsOf: value.description.utf8) } else { text.append(UInt8(ascii: "0")) }
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }

    public init?(postgresText: String) {
        guard postgresText.hasPrefix("["), postgresText.hasSuffix("]") else { return nil }
        let body = postgresText.dropFirst().dropLast()
        var values: [Float] = []
        for part in body.split(separator: ",") {
            guard let value = Float(part) else { return nil }
            values.append(value)
        }
        self.values = values
    }
}
