/// A pgvector `vector` value.
public struct PGVector: Sendable, Equatable, PostgresEncodable, PostgresDecodable {
    public var values: [Float]

    public init(_ values: [Float]) {
        self.values = values
    }

    /// `[0.1,0.2,…]`, pgvector's text format.
    public var postgresText: String {
        "[" + values.map { $0.isFinite ? "\($0)" : "0" }.joined(separator: ",") + "]"
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
