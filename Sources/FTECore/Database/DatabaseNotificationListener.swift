import Logging
import NIOPosix
import Synchronization

/// Listens for PostgreSQL notifications (`LISTEN channel`) on a connection of its own and calls
/// `onNotification` for each batch that arrives. A lost connection is reopened after a pause;
/// callers should still poll now and then, since notifications sent meanwhile are lost.
///
/// ```swift
/// let wakeup = WakeupSignal()
/// let listener = DatabaseNotificationListener(configuration: db.configuration, channels: ["fte_event_queue"]) {
///     wakeup.signal()
/// }
/// defer { Task { await listener.stop() } }
/// ```
public final class DatabaseNotificationListener: Sendable {
    private let thread = NIOThreadPool(numberOfThreads: 1)
    private let stopped = StopFlag()
    private let loop: Task<Void, Never>

    /// Starts listening. `channels` must be plain identifiers (letters, digits, `_`).
    public init(
        configuration: DatabaseConfiguration, channels: [String], logger: Logger = Logger(label: "fte.database.listen"),
        onNotification: @escaping @Sendable () -> Void
    ) {
        precondition(channels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } })
        thread.start()
        let (thread, stopped) = (thread, stopped)
        let listen = channels.map { "LISTEN \($0);" }.joined(separator: " ")
        loop = Task {
            while !stopped.isSet {
                do {
                    try await thread.runIfActive {
                        let connection = try PQConnection.connect(parameters: configuration.connectionParameters)
                        _ = try connection.executeScript(listen)
                        onNotification()  // anything sent while we were not listening
                        while !stopped.isSet {
                            if try connection.waitForNotifications(timeoutMilliseconds: 250) > 0 { onNotification() }
                        }
                    }
                } catch {
                    guard !stopped.isSet else { return }
                    logger.warning("notification listener lost its connection; reconnecting", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    /// Stops listening and closes the connection.
    public func stop() async {
        stopped.set()
        await loop.value
        try? await thread.shutdownGracefully()
    }
}

/// A flag set once, read from any thread.
private final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
