extension String {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespaceFast { s.removeFirst() }
        while let l = s.last, l.isWhitespaceFast { s.removeLast() }
        return String(s)
    }
}
