import Foundation

/// A one-line progress bar on standard error when it is a terminal. Otherwise (a log file, a
/// CI job) it is silent, or with `plainLines` prints the same line plainly: the first one at
/// once, then at most every ``plainInterval``, and the forced ones, so long work never runs
/// without output.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: state is guarded by `lock`; updates come from one task at a time anyway.
    private let lock = NSLock()
    private var lastDraw: ContinuousClock.Instant?
    private var visible = false
    private let plainLines: Bool
    let isTerminal = isatty(STDERR_FILENO) == 1
    /// How often a progress line is printed when standard error is not a terminal.
    static let plainInterval = Duration.seconds(10)

    init(plainLines: Bool = false) {
        self.plainLines = plainLines
    }

    /// Redraws at most ten times a second on a terminal, prints a line at most every
    /// ``plainInterval`` elsewhere (with `plainLines`); always when `force`.
    func update(_ line: @autoclosure () -> String, force: Bool = false) {
        guard isTerminal || plainLines else { return }
        lock.withLock {
            let interval = isTerminal ? Duration.milliseconds(100) : Self.plainInterval
            if !force, let lastDraw, lastDraw.duration(to: .now) < interval { return }
            lastDraw = .now
            if isTerminal {
                visible = true
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line()).utf8))
            } else {
                FileHandle.standardError.write(Data((line() + "\n").utf8))
            }
        }
    }

    /// Prints a line above the bar (or plainly when not a terminal).
    func log(_ line: String) {
        lock.withLock {
            let prefix = visible ? "\r\u{1B}[K" : ""
            visible = false
            FileHandle.standardError.write(Data((prefix + line + "\n").utf8))
        }
    }

    /// Removes the bar.
    func finish() {
        lock.withLock {
            if visible { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            visible = false
        }
    }

    /// `[#########-----------]` for a fraction in 0...1.
    static func bar(_ fraction: Double, width: Int = 24) -> String {
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// `1:05` for 65 seconds.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-:--" }
        let s = Int(seconds.rounded())
        return "\(s / 60):" + String(format: "%02d", s % 60)
    }
}
