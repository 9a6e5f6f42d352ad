/// One `name=value` pair of an `application/x-www-form-urlencoded` body, decoded.
public struct FormField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == FormField {
    /// The value of the first field called `name` (names are case-sensitive), if any.
    public func value(of name: String) -> String? {
        first { $0.name == name }?.value
    }
}

/// Decodes and encodes `application/x-www-form-urlencoded` bodies (Twilio webhooks, Twilio's
/// REST API, Google's token endpoint). Fields keep their order; repeated names are kept.
public enum FormURLEncoding {
    /// The media type of form-encoded bodies.
    public static let contentType = "application/x-www-form-urlencoded"

    /// Parses a body into its fields: `&` separates fields, the first `=` separates name and
    /// value (a field without `=` has an empty value), `+` is a space and `%XX` a byte; the
    /// bytes must form UTF-8. Empty segments (`a=1&&b=2`) are skipped.
    /// - Throws: ``FormURLEncodingError`` naming the malformed escape or the field that is not UTF-8.
    public static func decode(_ body: some Collection<UInt8>) throws(FormURLEncodingError) -> [FormField] {
        var fields: [FormField] = []
        for segment in Array(body).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = segment.firstIndex(of: UInt8(ascii: "="))
            let rawName = segment[..<(equals ?? segment.endIndex)]
            let rawValue = equals.map { segment[segment.index(after: $0)...] } ?? []
            let name = try decodeComponent(rawName, field: nil)
            fields.append(FormField(name, try decodeComponent(rawValue, field: name)))
        }
        return fields
    }

    /// Encodes fields in the given order. Letters, digits and `-._~*` stay as they are, a space
    /// becomes `+`, every other UTF-8 byte becomes `%XX` (upper-case hex).
    public static func encode(_ fields: [FormField]) -> String {
        fields.map { encodeComponent($0.name) + "=" + encodeComponent($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes one name or value.
    public static func encodeComponent(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "):
                encoded.append("+")
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "*"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded.append("%")
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    /// `field` is the name the component belongs to (nil while decoding the name itself).
    private static func decodeComponent(
        _ raw: ArraySlice<UInt8>, field: String?
    ) throws(FormURLEncodingError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard let high = hexValue(raw, index + 1), let low = hexValue(raw, index + 2) else {
                    let escape = String(decoding: raw[index..<min(index + 3, raw.endIndex)], as: UTF8.self)
                    throw FormURLEncodingError(.malformedPercentEscape, field: field, detail: "'\(escape)'")
                }
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FormURLEncodingError(.invalidUTF8, field: field, detail: nil)
        }
        return text
    }

    private static func hexValue(_ bytes: ArraySlice<UInt8>, _ index: Int) -> UInt8? {
        guard index < bytes.endIndex else { return nil }
        return bytes[index].hexDigitValue
    }
}
