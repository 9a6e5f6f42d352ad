/// Why the worker could not process an event.
public enum WorkerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event can never be processed (bad JSON, no address): it goes to the dead letters at once.
    case invalidEvent(String)

    public var description: String {
        switch self {
        case .invalidEvent(let why): "invalid event: \(why)"
        }
    }
}
