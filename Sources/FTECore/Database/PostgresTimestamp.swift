import Foundation

/// Formats and parses `timestamptz` text. Connections run with `TimeZone=UTC` and
/// `DateStyle=ISO`, so the server prints `2026-11-25 05:44:00.123456+00`.
enum PostgresTimestamp {
    static func format(_ date: Date) -> String {
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = time_t((totalMicros / 1_000_000).rounded(.down))
        let micros = Int(totalMicros - Double(seconds) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }

    /// Days in `month` (1–12) of `year` in the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]`; also accepts `T` and `Z`. Dates that do
    /// not exist (`2026-02-30`) are refused, not rolled over.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<width {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
                i += 1
            }
            return value
        }
        func expect(_ chars: String) -> Bool {
            guard i < bytes.count, chars.utf8.contains(bytes[i]) else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"),
            let day = number(2)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if i < bytes.count, expect(" T") {
            guard let h = number(2), expect(":"), let m = number(2), expect(":"), let s = number(2)
            else { return nil }
            (hour, minute, second) = (h, m, s)
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 0.1
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                    fraction += Double(bytes[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
        }
        var offsetSeconds = 0
        if i < bytes.count {
            if bytes[i] == UInt8(ascii: "Z") {
                i += 1
            } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                var om = 0
                if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let m = number(2) else { return nil }
                    om = m
                }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == bytes.count, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24,
            minute < 60, second <= 60
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epoch - offsetSeconds) + fraction)
    }
}
