import ArgumentParser
import FTECore

/// The `fte` root command: git-style subcommands over one shared core.
@main
struct FTECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fte",
        abstract: "A customer-success digital employee: email, WhatsApp and web support, 24/7.",
        version: FTEVersion.current,
        subcommands: []
    )
}
