import Foundation

/// A one-line progress bar on standard error when it is a terminal; silent otherwise (callers
/// print plain lines for the events that matter).
final class ProgressBar: @unchecked Sendable {
    // @unchecked: state is guarded by `lock`; updates come from one task at a time anyway.
    private let lock = NSLock()
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var visible = false
    let isTerminal = isatty(STDERR_FILENO) == 1

    /// Redraws at most ten times a second (and always when `force`).
    func update(_ line: @autoclosure () -> String, force: Bool = false) {
        guard isTerminal else { return }
        lock.withLock {
            guard force || lastDraw.duration(to: .now) > .milliseconds(100) else { return }
            lastDraw = .now
            visible = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line()).utf8))
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
