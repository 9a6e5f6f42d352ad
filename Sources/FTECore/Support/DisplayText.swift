/// Text people chose for others to read — names and subjects — made safe to show: without
/// bidirectional controls (which can make `Jane` display as something else in a terminal or a
/// ticket list), and recognised when nothing in it is visible at all.
public enum DisplayText {
    /// The text without bidirectional formatting characters (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069), trimmed; `nil` when nothing visible is left.
    public static func cleaned(_ text: String) -> String? {
        let stripped = strippingBidiControls(text).trimmingWhitespace()
        return hasVisibleCharacter(stripped) ? stripped : nil
    }

    /// The text without bidirectional formatting characters.
    public static func strippingBidiControls(_ text: String) -> String {
        // Fast path: every bidi control is outside ASCII.
        guard text.utf8.contains(where: { $0 >= 0x80 }), text.unicodeScalars.contains(where: isBidiControl) else {
            return text
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isBidiControl($0) }))
    }

    /// Whether the text has at least one character a reader sees: not whitespace, not a
    /// control, format or default-ignorable code point (zero-width spaces and joiners, bidi
    /// controls, Hangul fillers, variation selectors…), not a combining mark on its own, and not
    /// the blank Braille pattern (U+2800).
    public static func hasVisibleCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isVisible)
    }

    /// The text's length in characters, leaving out those made only of zero-width and other
    /// default-ignorable code points (spaces count): what a minimum length should count.
    public static func length(_ text: String) -> Int {
        text.reduce(0) { count, character in
            count + (character.unicodeScalars.allSatisfy { $0.properties.isDefaultIgnorableCodePoint } ? 0 : 1)
        }
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value > 0x20 && scalar.value < 0x7F }
        let properties = scalar.properties
        if properties.isWhitespace || properties.isDefaultIgnorableCodePoint || scalar.value == 0x2800 { return false }
        switch properties.generalCategory {
        case .control, .format, .unassigned, .surrogate, .privateUse, .lineSeparator, .paragraphSeparator,
            .spaceSeparator, .nonspacingMark, .enclosingMark:
            return false
        default:
            return true
        }
    }
}
