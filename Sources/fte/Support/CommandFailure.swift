import ArgumentParser
import FTECore

/// An error a command reports as one line with a specific exit status.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32

    /// Exit status for a required service (the database) that cannot be reached (EX_UNAVAILABLE).
    static let unavailableStatus: Int32 = 69
    /// Exit status for bad usage or input (EX_USAGE).
    static let usageStatus: Int32 = 64

    /// Maps core errors to a message and exit status; secrets never appear in either.
    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as DatabaseError:
            switch error.code {
            case .connectionFailed, .connectionLost, .poolTimeout:
                self.init(message: "cannot reach the database: \(error.message)", exitCode: Self.unavailableStatus)
            case .invalidConfiguration:
                self.init(message: error.message, exitCode: Self.usageStatus)
            default:
                self.init(message: error.description, exitCode: 1)
            }
        case let error as ConfigError:
            self.init(message: error.message, exitCode: Self.usageStatus)
        case let error as TicketError:
            self.init(message: error.message, exitCode: error.code == .invalidInput ? Self.usageStatus : 1)
        case let error as KnowledgeError:
            self.init(message: error.message, exitCode: error.code == .invalidInput ? Self.usageStatus : 1)
        case let error as LearningError:
            self.init(message: error.message, exitCode: error.code == .invalidInput ? Self.usageStatus : 1)
        case let error as any CustomStringConvertible:
            self.init(message: error.description, exitCode: 1)
        default:
            self.init(message: "\(error)", exitCode: 1)
        }
    }

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A bad argument value discovered after parsing.
    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: usageStatus)
    }
}
