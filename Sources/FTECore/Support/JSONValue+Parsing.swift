import Foundation

extension JSONValue {
    /// Why a text is not JSON, and where.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong.
        public var reason: String
        /// The offset in bytes at which it was found.
        public var offset: Int

        public var description: String { "not JSON: \(reason) at byte \(offset)" }
    }

    /// Parses UTF-8 JSON text (RFC 8259, strictly: no trailing commas, comments or single
    /// quotes); any value may be at the top level. Nesting deeper than 512 levels is refused. A
    /// name repeated in an object keeps its first value (as `JSONDecoder`); a number beyond
    /// `Double`'s range reads as infinity.
    ///
    /// A direct parser: decoding through `Decoder` tried each kind in turn and paid for the
    /// thrown errors, 5 % of a busy worker's CPU on model responses.
    /// - Throws: ``ParseError`` when `data` is not JSON.
    public init(parsing data: Data) throws {
        self = try data.withUnsafeBytes { raw in
            var parser = JSONValueParser(bytes: raw.bindMemory(to: UInt8.self))
            return try parser.parseDocument()
        }
    }

    /// Parses JSON text; any value may be at the top level.
    /// - Throws: ``ParseError`` when `text` is not JSON.
    public init(parsing text: String) throws {
        try self.init(parsing: Data(text.utf8))
    }
}

/// A recursive-descent JSON parser over UTF-8 bytes.
private struct JSONValueParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected text after the value") }
        return value
    }

    private mutating func parseValue() throws -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        var members: [String: JSONValue] = [:]
        try parseItems(closedBy: UInt8(ascii: "}")) { parser in
            guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "\"") else {
                throw parser.failure("expected a key")
            }
            let key = try parser.parseString()
            parser.skipWhitespace()
            guard parser.consume(UInt8(ascii: ":")) else { throw parser.failure("expected ':'") }
            let value = try parser.parseValue()
            // A repeated name keeps its first value, as `JSONDecoder` does: the same text reads
            // the same through Codable and through this parser.
            if members[key] == nil { members[key] = value }
        }
        return .object(members)
    }

    private mutating func parseArray() throws -> JSONValue {
        var elements: [JSONValue] = []
        try parseItems(closedBy: UInt8(ascii: "]")) { parser in elements.append(try parser.parseValue()) }
        return .array(elements)
    }

    /// The comma-separated items of an object or array, each read by `item` (which starts past
    /// any whitespace); `position` is at the opening bracket.
    private mutating func parseItems(closedBy close: UInt8, _ item: (inout JSONValueParser) throws -> Void) throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if !consume(close) {
            repeat {
                skipWhitespace()
                try item(&self)
                skipWhitespace()
            } while consume(UInt8(ascii: ","))
            guard consume(close) else { throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
        }
        depth -= 1
    }

    /// A string; `position` is at its opening quote.
    private mutating func parseString() throws -> String {
        position += 1
        let start = position
        // Most strings have no escapes: found whole, they are made from the input in one step.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                let run = UnsafeBufferPointer(rebasing: bytes[start..<position - 1])
                guard let text = String(validating: run, as: UTF8.self) else { throw failure("invalid UTF-8") }
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            position += 1
        }
        var utf8 = Array(bytes[start..<position])
        while true {
            guard position < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else { throw failure("invalid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw failure("control character in a string")
            default:
                utf8.append(byte)
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws {
        guard position < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else { throw failure("unpaired surrogate") }
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { throw failure("unpaired surrogate") }
            utf8.append(contentsOf: UTF8.encode(character)!)
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = bytes[position].hexDigitValue else { throw failure("invalid \\u escape") }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func parseNumber() throws -> Double {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            // no further integer digits after a leading zero
        } else if digits() == 0 {
            throw failure("unexpected character")
        }
        if consume(UInt8(ascii: ".")), digits() == 0 { throw failure("expected digits after '.'") }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            if digits() == 0 { throw failure("expected an exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw failure("invalid number") }
        return value
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func expect(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            UnsafeBufferPointer(rebasing: bytes[position..<position + count]).elementsEqual(
                UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw failure("unexpected character") }
        position += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func failure(_ reason: String) -> JSONValue.ParseError {
        JSONValue.ParseError(reason: reason, offset: position)
    }
}
