/// Reads the token of an `Authorization: Bearer <token>` header value (RFC 6750 §2.1). The
/// scheme is case-insensitive (RFC 9110 §11.1: `bearer`, `BEARER` and `Bearer` are the same)
/// and separated from the token by one or more spaces.
public enum BearerCredentials {
    /// The token, or `nil` when the value is absent, uses another scheme, or has no token.
    public static func token(fromAuthorization value: String?) -> Substring? {
        guard let value else { return nil }
        let text = value.drop { $0 == " " || $0 == "\t" }
        let scheme = text.prefix { $0 != " " && $0 != "\t" }
        guard scheme.lowercased() == "bearer" else { return nil }
        var token = text.dropFirst(scheme.count).drop { $0 == " " || $0 == "\t" }
        while let last = token.last, last == " " || last == "\t" { token = token.dropLast() }
        return scheme.count == text.count || token.isEmpty ? nil : token
    }
}
