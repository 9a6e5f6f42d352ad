/// One `Authentication-Results` header field (RFC 8601), parsed: who checked the message
/// (`authserv-id`) and what each method concluded.
///
/// ```
/// Authentication-Results: mx.google.com;
///        dkim=pass header.i=@example.com header.s=s1 header.b=abc;
///        spf=pass (google.com: domain of jane@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=jane@example.com;
///        dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.com
/// ```
///
/// Comments in parentheses are dropped, quoted strings kept whole; method, result and property
/// names are lower-cased. A value that cannot be read yields no result rather than a guess.
public struct AuthenticationResults: Sendable, Equatable {
    /// One `method=result` with its properties (`header.from`, `smtp.mailfrom`, `header.d`…).
    public struct Result: Sendable, Equatable {
        public var method: String
        public var result: String
        /// Property values by lower-cased name (`ptype.property`), as written.
        public var properties: [String: String]

        public init(method: String, result: String, properties: [String: String] = [:]) {
            self.method = method
            self.result = result
            self.properties = properties
        }
    }

    /// The host that added the field, lower-cased (`mx.google.com`).
    public var authservID: String
    public var results: [Result]

    public init(authservID: String, results: [Result]) {
        self.authservID = authservID
        self.results = results
    }

    /// The results of `method` (`dkim`, `spf`, `dmarc`…), in order.
    public func results(of method: String) -> [Result] {
        results.filter { $0.method == method }
    }

    /// Parses a field value; `nil` when it has no authserv-id.
    public init?(_ value: String) {
        let statements = Self.statements(of: Self.withoutComments(value))
        guard let first = statements.first,
            let id = first.split(whereSeparator: \.isWhitespace).first.map({ String($0).lowercased() }), !id.isEmpty
        else { return nil }
        authservID = id
        results = statements.dropFirst().compactMap(Self.result)
    }

    /// `method=result` and the `name=value` pairs after it; `none` alone is no result.
    private static func result(_ statement: String) -> Result? {
        let pairs = tokens(of: statement).compactMap { token -> (String, String)? in
            guard let equals = token.firstIndex(of: "=") else { return nil }
            let name = token[..<equals].lowercased()
            var value = String(token[token.index(after: equals)...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return name.isEmpty || value.isEmpty ? nil : (name, value)
        }
        guard case let (method, result)? = pairs.first else { return nil }
        // `dkim/1=pass`: a method version.
        let name = method.split(separator: "/").first.map(String.init) ?? method
        var properties: [String: String] = [:]
        for (key, value) in pairs.dropFirst() where properties[key] == nil { properties[key] = value }
        return Result(method: name, result: result.lowercased(), properties: properties)
    }

    /// The text with `( … )` comments (nested, outside quoted strings) replaced by a space.
    static func withoutComments(_ value: String) -> String {
        var text = ""
        var depth = 0
        var inQuotes = false
        var escaped = false
        for character in value {
            defer { escaped = !escaped && character == "\\" }
            if escaped {
                if depth == 0 { text.append(character) }
                continue
            }
            switch character {
            case "\"" where depth == 0:
                inQuotes.toggle()
                text.append(character)
            case "(" where !inQuotes:
                depth += 1
            case ")" where !inQuotes && depth > 0:
                depth -= 1
                if depth == 0 { text.append(" ") }
            default:
                if depth == 0 { text.append(character) }
            }
        }
        return text
    }

    /// The `;`-separated statements (outside quoted strings), trimmed, empty ones dropped.
    private static func statements(of text: String) -> [String] {
        split(text, at: { $0 == ";" }).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The whitespace-separated tokens of a statement, `name = value` joined to `name=value`.
    private static func tokens(of statement: String) -> [String] {
        let words = split(statement, at: \.isWhitespace).filter { !$0.isEmpty }
        var tokens: [String] = []
        for word in words {
            if let last = tokens.last, last.hasSuffix("=") || word.hasPrefix("=") {
                tokens[tokens.count - 1] = last + word
            } else {
                tokens.append(word)
            }
        }
        return tokens
    }

    /// `text` split at the characters `isSeparator` accepts outside quoted strings.
    private static func split(_ text: String, at isSeparator: (Character) -> Bool) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            defer { escaped = !escaped && character == "\\" }
            if character == "\"" && !escaped { inQuotes.toggle() }
            if isSeparator(character) && !inQuotes {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
