import Foundation

extension UUID {
    /// A random (version 4) UUID from the kernel's generator, drawn from a pool refilled 4 KiB
    /// at a time. On Linux, Foundation's `UUID()` opens, reads and closes `/dev/urandom` for
    /// every id, and two `getrandom` calls per id (`SystemRandomNumberGenerator`) were still
    /// 1.3 % of the intake gateway's samples, in the kernel's generator alone.
    public static func random() -> UUID {
        var bytes = RandomBytePool.next16()
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = 0x40 | (raw[6] & 0x0F)  // version 4
            raw[8] = 0x80 | (raw[8] & 0x3F)  // RFC 9562 variant
            return UUID(uuid: raw.load(as: uuid_t.self))
        }
    }

    /// A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds at `date`, then random bits.
    public static func version7(at date: Date = Date()) -> UUID {
        var bytes = RandomBytePool.next16()
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        return withUnsafeMutableBytes(of: &bytes) { raw in
            for i in 0..<6 { raw[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
            raw[6] = 0x70 | (raw[6] & 0x0F)  // version 7
            raw[8] = 0x80 | (raw[8] & 0x3F)  // RFC 9562 variant
            return UUID(uuid: raw.load(as: uuid_t.self))
        }
    }

    /// The canonical form in lower case (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), as PostgreSQL
    /// prints ids; written directly, where `uuidString.lowercased()` formats through `printf`
    /// and then copies.
    public var lowercasedString: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                let digits: StaticString = "0123456789abcdef"
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    out[position] = digits.utf8Start[Int(byte >> 4)]
                    out[position + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    /// Reads the canonical form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, either case), as
    /// PostgreSQL prints ids, without `UUID(uuidString:)`, which parses through `sscanf`
    /// (5 % of `fte report`'s CPU decoding ids); other text gives `nil`.
    public init?(canonicalText text: String) {
        var text = text
        let parsed: uuid_t? = text.withUTF8 { bytes in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let valid = withUnsafeMutableBytes(of: &value) { out -> Bool in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        guard bytes[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    guard let high = bytes[position].hexDigitValue, let low = bytes[position + 1].hexDigitValue else { return false }
                    out[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return valid ? value : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }
}
