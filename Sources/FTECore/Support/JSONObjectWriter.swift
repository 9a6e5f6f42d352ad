/// Writes one JSON object field by field into bytes: the hot path of intake (every event is
/// serialised once per request), where `JSONEncoder` costs more than the rest of the work.
/// Callers write keys in the order they want them (fte writes them sorted, like
/// `JSONEncoder`'s `.sortedKeys`); a `nil` value leaves the field out.
public struct JSONObjectWriter {
    private var bytes: [UInt8]
    private var members = JSONMembers()

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        members.string(name, value, in: &bytes)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func field(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A nested object written by `body`, in place.
    public mutating func object(_ name: String, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        var nested = JSONObjectWriter(continuing: bytes)
        bytes = []  // hand the buffer over instead of copying it
        body(&nested)
        bytes = nested.bytes
        bytes.append(UInt8(ascii: "}"))
    }

    /// The object's bytes, closed.
    public consuming func finished() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// A writer that opens an object at the end of `buffer`.
    private init(continuing buffer: [UInt8]) {
        bytes = buffer
        bytes.append(UInt8(ascii: "{"))
    }

    private mutating func key(_ name: String) {
        members.key(name, in: &bytes)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in appendString(utf8: utf8, to: &bytes) }
    }

    /// UTF-8 text as a JSON string; the runs that need no escaping are copied whole.
    private static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            appendEscaped(byte, to: &bytes)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            bytes.append(contentsOf: Array("\\u00".utf8))
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}

/// The members of a JSON object being written by hand: a comma before each but the first.
struct JSONMembers {
    private var needsComma = false

    /// Appends an object: `{`, the members `body` writes, `}`.
    static func object(in bytes: inout [UInt8], _ body: (inout JSONMembers, inout [UInt8]) -> Void) {
        var members = JSONMembers()
        bytes.append(UInt8(ascii: "{"))
        body(&members, &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `,"name":` (no comma for the first key).
    mutating func key(_ name: String, in bytes: inout [UInt8]) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        JSONObjectWriter.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends `,"name":"value"`.
    mutating func string(_ name: String, _ value: String, in bytes: inout [UInt8]) {
        key(name, in: &bytes)
        JSONObjectWriter.appendString(value, to: &bytes)
    }

    /// Appends `,"name":[…]`, each element written by `write`.
    mutating func array<Element>(
        _ name: String, _ elements: [Element], in bytes: inout [UInt8], _ write: (Element, inout [UInt8]) -> Void
    ) {
        key(name, in: &bytes)
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(element, &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
