/// Escaping for text and attribute values in HTML and SVG (which must also parse as XML).
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities every XML parser knows.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
