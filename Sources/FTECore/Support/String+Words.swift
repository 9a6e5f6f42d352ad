extension StringProtocol {
    /// The number of whitespace-separated words, as word limits count them.
    var wordCount: Int {
        var count = 0
        var inWord = false
        for character in self {
            if character.isWhitespaceFast {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}
