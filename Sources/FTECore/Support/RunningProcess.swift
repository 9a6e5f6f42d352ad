import Foundation

/// A child process whose output is collected in the background.
///
/// Output is read by two plain threads with blocking reads, and the exit is observed through
/// `terminationHandler`: Foundation's `readabilityHandler` teardown and `waitUntilExit()`'s
/// run-loop spinning crash libdispatch on Linux when many children run at once.
///
/// `fte simulate` runs its fleet of `fte serve` and `fte work` with it; tests run the built
/// binary and the browser script.
public final class RunningProcess: @unchecked Sendable {
    /// How a process ended and what it wrote.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }

        /// Standard error's non-empty lines.
        public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    // @unchecked: `process` is only read after `run()`; the output buffers live in
    // `OutputBuffer`s and the exit in an `ExitLatch`, each guarded by its own lock.
    private let process = Process()
    private let out = OutputBuffer()
    private let err = OutputBuffer()
    private let exited = ExitLatch()

    /// Starts `executable ARGS…` with exactly `environment` (any program, e.g. a browser script).
    public init(executable: String, arguments: [String], environment: [String: String]) throws {
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [exited] _ in exited.open() }
        try process.run()
        out.drain(outPipe.fileHandleForReading)
        err.drain(errPipe.fileHandleForReading)
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether the process has not exited yet.
    public var isRunning: Bool { !exited.isOpen }

    /// Standard output received so far.
    public var outputSoFar: String { out.text }

    /// Standard error received so far.
    public var errorsSoFar: String { err.text }

    /// Sends a signal (e.g. SIGKILL).
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit and for the end of its output (at most two seconds more: a daemon the
    /// process started may hold the pipes open), and returns status and output.
    public func wait() async throws -> Result {
        await exited.wait()
        let deadline = ContinuousClock.now + .seconds(2)
        while !(out.hasEnded && err.hasEnded), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return Result(status: process.terminationStatus, stdout: out.text, stderr: err.text)
    }
}

/// Bytes read from one pipe by a thread of its own, until end of file.
private final class OutputBuffer: @unchecked Sendable {
    // @unchecked: `data` is guarded by `lock`; `ended` is a latch.
    private let lock = NSLock()
    private var data = Data()
    private let ended = ExitLatch()

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Reads `handle` on a new thread until end of file (or a read error), then closes it.
    func drain(_ handle: FileHandle) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                lock.withLock { data.append(contentsOf: buffer[..<count]) }
            }
            try? handle.close()
            ended.open()
        }
        thread.name = "fte-child-output"
        thread.start()
    }

    /// Whether end of file was read.
    var hasEnded: Bool { ended.isOpen }
}

/// Opens once; every waiter, earlier or later, then returns.
private final class ExitLatch: @unchecked Sendable {
    // @unchecked: both fields are guarded by `lock`.
    private let lock = NSLock()
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    var isOpen: Bool { lock.withLock { opened } }

    func open() {
        let waiting = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            opened = true
            defer { waiters = [] }
            return waiters
        }
        waiting.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = lock.withLock { () -> Bool in
                if opened { return true }
                waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
