import ArgumentParser
import FTECore
import Foundation

/// The `fte` root command: git-style subcommands over one shared core.
@main
struct FTECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fte",
        abstract: "A customer-success digital employee: email, WhatsApp and web support, 24/7.",
        discussion: """
            Every setting is an FTE_ environment variable that the commands using it also take as a flag. \
            Errors print one line on standard error and exit non-zero: 1 failure, 64 bad usage, \
            69 a required service (the database) is unreachable.
            """,
        version: FTEVersion.current,
        subcommands: [Serve.self, Work.self, Migrate.self, Ticket.self, Report.self, KB.self, Eval.self, MCPCommand.self, Simulate.self]
    )

    /// Parses and runs like ArgumentParser's default, but reports every error as one line on
    /// standard error (usage text only on `--help`), never a stack trace.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withOneLine: error)
        }
    }

    private static func exit(withOneLine error: any Error) -> Never {
        if let failure = error as? CommandFailure {
            printError("error: \(failure.message)")
            Foundation.exit(failure.exitCode)
        }
        let code = exitCode(for: error)
        if code == .success {
            // --help, --version, completion scripts: the full text goes to standard output.
            let text = fullMessage(for: error)
            if !text.isEmpty { print(text) }
            Foundation.exit(0)
        }
        if error is ExitCode { Foundation.exit(code.rawValue) }
        let message = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        printError("error: \(message)")
        Foundation.exit(code.rawValue)
    }
}
