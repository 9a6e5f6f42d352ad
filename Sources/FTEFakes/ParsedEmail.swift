import FTECore
import Foundation

/// An RFC 5322 message taken apart as a receiving mail system would: header fields unfolded and
/// looked up by ``EmailHeaders``, the body transfer-decoded (quoted-printable, base64, 7bit or
/// 8bit) and read as UTF-8. Written independently of ``EmailComposer``, so tests can check what
/// it writes.
public struct ParsedEmail: Sendable, Equatable {
    /// The header fields in order, values as written (folding kept, encoded words not decoded).
    public var headers: EmailHeaders
    /// The decoded body with `\n` line breaks; the line break that ends the message is not part of it.
    public var body: String
    /// Whether every line of the message ends in CRLF (no bare LF or CR).
    public var usesCRLF: Bool
    /// The longest line of the message as written, in bytes without the line break.
    public var longestLine: Int

    /// Parses `raw`; nil when the header has a line that is neither a field nor a continuation,
    /// the body's transfer encoding is malformed, or the body is not UTF-8.
    public init?(raw: String) {
        let bytes = Array(raw.utf8)
        usesCRLF = zip(bytes.indices, bytes).allSatisfy { index, byte in
            switch byte {
            case UInt8(ascii: "\n"): index > 0 && bytes[index - 1] == UInt8(ascii: "\r")
            case UInt8(ascii: "\r"): index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
            default: true
            }
        }
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        longestLine = lines.map(\.utf8.count).max() ?? 0
        guard let blank = lines.firstIndex(of: "") else { return nil }
        var fields: [EmailHeader] = []
        for line in lines[..<blank] {
            if line.first == " " || line.first == "\t" {
                guard !fields.isEmpty else { return nil }
                fields[fields.count - 1].value += "\r\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                line[..<colon].utf8.allSatisfy({ (33...126).contains($0) })
            else { return nil }
            fields.append(EmailHeader(name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
        }
        headers = EmailHeaders(fields)
        var bodyLines = Array(lines[(blank + 1)...])
        if bodyLines.last == "" { bodyLines.removeLast() }
        let encoding = headers["Content-Transfer-Encoding"]?.lowercased() ?? "7bit"
        let decoded: [UInt8]?
        switch encoding {
        case "quoted-printable": decoded = Self.decodeQuotedPrintable(bodyLines)
        case "base64": decoded = Base64URL.decode(bodyLines.joined())
        case "7bit", "8bit": decoded = Array(bodyLines.joined(separator: "\n").utf8)
        default: decoded = nil
        }
        guard let decoded, let body = String(validating: decoded, as: UTF8.self) else { return nil }
        self.body = body.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// RFC 2045 §6.7: trailing whitespace is dropped, a final `=` joins the next line, `=XX` is
    /// a byte; nil for any other `=`.
    private static func decodeQuotedPrintable(_ lines: [Substring]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for (index, rawLine) in lines.enumerated() {
            var line = Array(rawLine.utf8)
            while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line.removeLast() }
            var soft = false
            var position = 0
            while position < line.count {
                let byte = line[position]
                guard byte == UInt8(ascii: "=") else {
                    bytes.append(byte)
                    position += 1
                    continue
                }
                if position == line.count - 1 {
                    soft = true
                    break
                }
                guard position + 2 < line.count,
                    let value = UInt8(String(decoding: line[(position + 1)...(position + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                position += 3
            }
            if !soft && index < lines.count - 1 { bytes.append(UInt8(ascii: "\n")) }
        }
        return bytes
    }
}
