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

    /// Reads pgvector's text format, or its binary form as `vector_send(v)` gives it in bytea's
    /// hex text (`\\x` then a 16-bit dimension, 16 unused bits and each component as a
    /// big-endian IEEE float): exact, and about ten times faster to read than the decimal text,
    /// so statements that return many vectors select `vector_send(…)`.
    public init?(postgresText: String) {
        if postgresText.hasPrefix("\\x") {
            guard let values = Self.values(sent: postgresText) else { return nil }
            self.values = values
            return
        }
        guard postgresText.hasPrefix("["), postgresText.hasSuffix("]") else { return nil }
        let body = postgresText.dropFirst().dropLast()
        var values: [Float] = []
        for part in body.split(separator: ",") {
            guard let value = Float(part) else { return nil }
            values.append(value)
        }
        self.values = values
    }

    /// The components of `vector_send`'s output in bytea's hex text, or `nil` if malformed.
    private static func values(sent text: String) -> [Float]? {
        var text = text
        return text.withUTF8 { bytes -> [Float]? in
            // "\x", 4 bytes of header (8 hex digits), then 4 bytes (8 digits) per component.
            guard bytes.count >= 10, (bytes.count - 10) % 8 == 0 else { return nil }
            func byte(at position: Int) -> UInt32? {
                guard let high = bytes[position].hexDigitValue, let low = bytes[position + 1].hexDigitValue else { return nil }
                return UInt32(high << 4 | low)
            }
            func word(at position: Int) -> UInt32? {
                guard let a = byte(at: position), let b = byte(at: position + 2), let c = byte(at: position + 4),
                    let d = byte(at: position + 6)
                else { return nil }
                return a << 24 | b << 16 | c << 8 | d
            }
            let count = (bytes.count - 10) / 8
            guard let header = word(at: 2), Int(header >> 16) == count else { return nil }
            var values: [Float] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                guard let bits = word(at: 10 + 8 * index) else { return nil }
                values.append(Float(bitPattern: bits))
            }
            return values
        }
    }
}
