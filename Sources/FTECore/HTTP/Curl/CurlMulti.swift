import CCurl
import Foundation
import Synchronization

/// One libcurl multi handle (`CURLM *`) driven by one dedicated thread, so no blocking or polling
/// ever happens on Swift's cooperative pool.
///
/// Ownership: the multi handle, the map of active transfers and every libcurl call on them belong
/// to the thread started in `init`. Other threads only append commands to the locked queue and
/// call `curl_multi_wakeup` (which libcurl allows from any thread) while holding the lock and
/// while the thread still accepts commands, so a wake-up never races with `curl_multi_cleanup`.
/// That discipline is why this type is `@unchecked Sendable`. The multi handle keeps the
/// connection cache, so consecutive requests to one host reuse a connection.
final class CurlMulti: @unchecked Sendable {
    private enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer)
        case shutdown
    }

    private struct Inbox {
        var commands: [Command] = []
        var accepting = true
        var exited = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    /// Transfers added to the multi handle, by easy handle. Only the multi thread touches it.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// Creates the multi handle and starts its thread.
    init(maxConnectionsPerHost: Int, idleConnections: Int) {
        CurlGlobal.initialize()
        // Fails only when memory is exhausted, where Swift's own allocations trap as well.
        guard let multi = curl_multi_init() else { preconditionFailure("libcurl: out of memory") }
        self.multi = multi
        _ = fte_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(0, maxConnectionsPerHost))
        _ = fte_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, idleConnections))
        let thread = Thread { [self] in run() }
        thread.name = "fte-http-curl"
        thread.start()
    }

    /// Hands `transfer` to the thread; `false` once shut down.
    func submit(_ transfer: CurlTransfer) -> Bool {
        enqueue(.add(transfer))
    }

    /// Aborts `transfer`: it finishes with `CancellationError` unless it has already finished.
    func cancel(_ transfer: CurlTransfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        _ = enqueue(.cancel(transfer))
    }

    /// Asks the thread to stop; running transfers fail with ``HTTPClientError/Reason/shutDown``.
    func requestShutdown() {
        _ = enqueue(.shutdown)
    }

    /// Stops the thread and returns when it has released libcurl.
    func shutdown() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let hasExited = inbox.withLock { inbox in
                if !inbox.exited { inbox.exitWaiters.append(waiter) }
                return inbox.exited
            }
            if hasExited { waiter.resume() } else { requestShutdown() }
        }
    }

    private func enqueue(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard inbox.accepting else { return false }
            inbox.commands.append(command)
            if case .shutdown = command { inbox.accepting = false }
            _ = curl_multi_wakeup(multi)
            return true
        }
    }

    // MARK: The thread

    private func run() {
        var running: Int32 = 0
        loop: while true {
            let commands = inbox.withLock { inbox in
                defer { inbox.commands.removeAll(keepingCapacity: true) }
                return inbox.commands
            }
            for command in commands {
                switch command {
                case .add(let transfer): start(transfer)
                case .cancel(let transfer): abort(transfer, with: CancellationError())
                case .shutdown: break loop
                }
            }
            _ = curl_multi_perform(multi, &running)
            collectFinishedTransfers()
            // Sleeps until a socket is ready, libcurl's next timeout, a wake-up, or at most 1 s.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in Array(active.values) {
            abort(transfer, with: transfer.error(.shutDown))
        }
        curl_multi_cleanup(multi)
        let waiters = inbox.withLock { inbox in
            inbox.exited = true
            defer { inbox.exitWaiters = [] }
            return inbox.exitWaiters
        }
        waiters.forEach { $0.resume() }
    }

    private func start(_ transfer: CurlTransfer) {
        if transfer.cancelRequested.load(ordering: .sequentiallyConsistent) {
            transfer.finish(.failure(CancellationError()))
            return
        }
        let code = curl_multi_add_handle(multi, transfer.handle)
        guard code == CURLM_OK else {
            let message = curl_multi_strerror(code).map { String(cString: $0) } ?? "libcurl multi error"
            transfer.finish(.failure(transfer.error(.transport(code: Int(code.rawValue), message: message))))
            return
        }
        active[transfer.handle] = transfer
    }

    private func abort(_ transfer: CurlTransfer, with error: any Error) {
        // A transfer that already finished is no longer active: nothing to do.
        guard active.removeValue(forKey: transfer.handle) != nil else { return }
        curl_multi_remove_handle(multi, transfer.handle)
        transfer.finish(.failure(error))
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            // Read the message before removing the handle, which invalidates it.
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            curl_multi_remove_handle(multi, easy)
            transfer.finish(code)
        }
    }
}
