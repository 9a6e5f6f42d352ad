extension Character {
    /// `isWhitespace`, with ASCII characters decided by their code instead of a Unicode property
    /// lookup (text processed per message is mostly ASCII).
    var isWhitespaceFast: Bool {
        guard let ascii = asciiValue else { return isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }

    /// `isNewline`, with ASCII characters decided by their code.
    var isNewlineFast: Bool {
        guard let ascii = asciiValue else { return isNewline }
        return (0x0A...0x0D).contains(ascii)
    }

    /// `isLetter || isNumber`, with ASCII characters decided by their code.
    var isLetterOrNumberFast: Bool {
        guard let ascii = asciiValue else { return isLetter || isNumber }
        return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
    }

    /// `isLetter`, with ASCII characters decided by their code.
    var isLetterFast: Bool {
        guard let ascii = asciiValue else { return isLetter }
        return (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
    }

    /// Appends `lowercased()` to `text`; an ASCII letter without making a string for it.
    func appendLowercased(to text: inout String) {
        if let ascii = asciiValue, self != "\r\n" {
            text.unicodeScalars.append(Unicode.Scalar((0x41...0x5A).contains(ascii) ? ascii + 0x20 : ascii))
        } else {
            text += lowercased()
        }
    }
}
