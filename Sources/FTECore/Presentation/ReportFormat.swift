import Foundation

/// How fte's reports (`fte simulate`, `fte report`) write numbers, shared by their text and HTML
/// renderings so both say the same thing. Locale-independent; a missing or non-finite value prints as `—`.
enum ReportFormat {
    static let missing = "—"

    /// A latency or real duration: `0 ms`, `840 ms`, `1.25 s`, `12.5 s`, `2 min 5 s`, `1 h 30 min`.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return missing }
        let value = Swift.max(0, seconds)
        if value < 1 {
            let ms = (value * 1000).rounded()
            return ms >= 1000 ? "1.00 s" : "\(Int(ms)) ms"
        }
        if value < 10 { return fixed(value, 2) + " s" }
        if value < 60 { return fixed(value, 1) + " s" }
        let whole = Int(value.rounded())
        if whole < 3600 {
            let (minutes, rest) = whole.quotientAndRemainder(dividingBy: 60)
            return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
        }
        let (hours, rest) = (whole / 60).quotientAndRemainder(dividingBy: 60)
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }

    /// The length of a fault in simulated time: `instant` for a kill, else like ``duration(_:)``.
    static func span(_ seconds: Double) -> String {
        seconds <= 0 ? "instant" : duration(seconds)
    }

    /// Simulated seconds since the start of the day as a clock time, `HH:MM` (`24:00` at the end
    /// of the day, `26:30` past it).
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return missing }
        let minutes = Int((Swift.max(0, seconds) / 60).rounded(.down))
        return pad2(minutes / 60) + ":" + pad2(minutes % 60)
    }

    /// A share 0…1 as a percentage with at most `decimals` decimals: `97.5 %`, `100 %` (but
    /// `99.996 %`: a share under 1 is never rounded up to 100 %).
    static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction, fraction.isFinite else { return missing }
        return percentNumber(fraction * 100, decimals: decimals) + " %"
    }

    /// A percentage with at most `decimals` decimals, more when rounding would print 100 for less
    /// than 100 or print `distinctFrom` for a value that differs from it.
    static func percentNumber(_ value: Double, decimals: Int, distinctFrom other: Double? = nil) -> String {
        var decimals = decimals
        func misleading(_ text: String) -> Bool {
            if value < 100, text == "100" { return true }
            guard let other, value != other else { return false }
            return text == trimmed(other, decimals)
        }
        while decimals < 4, misleading(trimmed(value, decimals)) { decimals += 1 }
        return trimmed(value, decimals)
    }

    /// A count with thousands separators: `123,456`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A count and its noun, singular for one: `1 question`, `1,204 questions`.
    static func counted(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        count(value) + " " + (value == 1 ? noun : plural ?? noun + "s")
    }

    /// `value` with exactly `decimals` decimals.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `value` with at most `decimals` decimals, trailing zeros dropped: `99.9`, `3`, `0.25`.
    static func trimmed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return missing }
        var text = fixed(value, decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
