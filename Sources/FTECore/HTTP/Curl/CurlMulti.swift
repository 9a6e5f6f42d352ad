import CCurl
import Foundation
import Synchronization

/// One libcurl multi handle (`CURLM *`) driven by one dedicated thread, so no blocking or polling
/// ever happens on Swift's cooperative pool.
///
/// The thread runs libcurl's event-driven interface: libcurl names the sockets it waits on (the
/// socket callback) and its next timeout (the timer callback), the thread waits for them with
/// `epoll`, and `curl_multi_socket_action` handles just the sockets that are ready. A wake-up
/// costs the same with 400 transfers waiting on a slow model as with one (`curl_multi_perform`
/// and `curl_multi_poll` visit every transfer and every socket on each wake-up).
///
/// Ownership: the multi handle, the map of active transfers, the watched sockets, the timer and
/// every libcurl call on them belong to the thread started in `init`. Other threads only append
/// commands to the locked queue and signal the thread's eventfd, while holding the lock and while
/// the thread still accepts commands, so a wake-up never races with the cleanup. That discipline
/// is why this type is `@unchecked Sendable`. The multi handle keeps the connection cache, so
/// consecutive requests to one host reuse a connection.
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
    /// The thread's epoll set: the sockets libcurl watches, and ``wakeup``.
    private let epoll: Int32
    /// Signalled (written) to wake the thread for new commands.
    private let wakeup: Int32
    /// Transfers added to the multi handle, by easy handle. Only the multi thread touches it.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// The sockets in the epoll set and the events watched. Only the multi thread touches it.
    private var watched: [curl_socket_t: UInt32] = [:]
    /// When libcurl wants `curl_multi_socket_action` called for its timeouts; only the thread.
    private var timerDeadline: ContinuousClock.Instant?

    /// Creates the multi handle and starts its thread.
    init(maxConnectionsPerHost: Int, idleConnections: Int) {
        CurlGlobal.initialize()
        // These fail only when memory or descriptors are exhausted, where nothing else works either.
        guard let multi = curl_multi_init() else { preconditionFailure("libcurl: out of memory") }
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeup = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(epoll >= 0 && wakeup >= 0, "cannot create the HTTP client's event loop: \(String(cString: strerror(errno)))")
        self.multi = multi
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: wakeup))
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeup, &event)
        _ = fte_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(0, maxConnectionsPerHost))
        // libcurl 7.88 counts connections in use against its cache size too: below the number
        // of simultaneous transfers, every finished transfer closed the oldest idle connection
        // (after scanning them all) and the next request opened a new one.
        _ = fte_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, idleConnections, maxConnectionsPerHost))
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = fte_curl_multi_setopt_ptr(multi, CURLMOPT_SOCKETDATA, context)
        _ = fte_curl_multi_setopt_ptr(multi, CURLMOPT_TIMERDATA, context)
        _ = fte_curl_multi_setopt_socket_fn(multi) { _, socket, what, context, _ in
            guard let context else { return -1 }
            Unmanaged<CurlMulti>.fromOpaque(context).takeUnretainedValue().watch(socket, what: what)
            return 0
        }
        _ = fte_curl_multi_setopt_timer_fn(multi) { _, milliseconds, context in
            guard let context else { return -1 }
            Unmanaged<CurlMulti>.fromOpaque(context).takeUnretainedValue().setTimer(milliseconds)
            return 0
        }
        let thread = Thread { [self] in run() }
        thread.name = "fte-http-curl"
        thread.start()
    }

    deinit {
        close(epoll)
        close(wakeup)
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
            var one: UInt64 = 1
            _ = write(wakeup, &one, MemoryLayout<UInt64>.size)
            return true
        }
    }

    // MARK: The thread

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
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
            // Sleeps until a socket is ready, libcurl's next timeout, a wake-up, or at most 1 s.
            let ready = epoll_wait(epoll, &events, Int32(events.count), waitMilliseconds())
            for event in events.prefix(Int(max(0, ready))) {
                let socket = event.data.fd
                if socket == wakeup {
                    var count: UInt64 = 0
                    _ = read(wakeup, &count, MemoryLayout<UInt64>.size)
                } else {
                    act(on: socket, flags: event.events)
                }
            }
            if let deadline = timerDeadline, deadline <= .now {
                timerDeadline = nil
                act(on: CURL_SOCKET_TIMEOUT, flags: 0)
            }
            collectFinishedTransfers()
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

    /// How long the thread may sleep: until libcurl's timer, at most 1 s.
    private func waitMilliseconds() -> Int32 {
        guard let deadline = timerDeadline else { return 1_000 }
        let remaining = (deadline - .now).roundedUpMilliseconds
        return Int32(clamping: min(1_000, max(0, remaining)))
    }

    /// Tells libcurl that `socket` is ready (or, for `CURL_SOCKET_TIMEOUT`, that its timer ran out).
    private func act(on socket: curl_socket_t, flags: UInt32) {
        var mask: Int32 = 0
        if flags & EPOLLIN.rawValue != 0 { mask |= CURL_CSELECT_IN }
        if flags & EPOLLOUT.rawValue != 0 { mask |= CURL_CSELECT_OUT }
        if flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { mask |= CURL_CSELECT_ERR }
        var running: Int32 = 0
        _ = curl_multi_socket_action(multi, socket, mask, &running)
    }

    /// libcurl's socket callback: watch `socket` for what it waits on, or stop watching it.
    private func watch(_ socket: curl_socket_t, what: Int32) {
        let wanted: UInt32 = switch what {
        case CURL_POLL_IN: EPOLLIN.rawValue
        case CURL_POLL_OUT: EPOLLOUT.rawValue
        case CURL_POLL_INOUT: EPOLLIN.rawValue | EPOLLOUT.rawValue
        default: 0  // CURL_POLL_REMOVE
        }
        guard wanted != 0 else {
            // libcurl may already have closed it: the kernel then dropped it from the set.
            if watched.removeValue(forKey: socket) != nil { epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nil) }
            return
        }
        var event = epoll_event(events: wanted, data: epoll_data_t(fd: socket))
        let operation = watched[socket] == nil ? EPOLL_CTL_ADD : EPOLL_CTL_MOD
        if epoll_ctl(epoll, operation, socket, &event) != 0, operation == EPOLL_CTL_MOD {
            // A descriptor number reused after libcurl closed the old one without telling us.
            epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event)
        }
        watched[socket] = wanted
    }

    /// libcurl's timer callback: call `curl_multi_socket_action` with the timeout in
    /// `milliseconds` (0: as soon as possible; -1: no timer).
    private func setTimer(_ milliseconds: Int) {
        timerDeadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
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
