import ArgumentParser
import FTECore

/// `fte migrate`: applies the schema migrations shipped inside this binary.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply database schema migrations, or show their status.",
        discussion: """
            Migrations are applied in order, each in its own transaction, under an advisory lock: \
            several `fte migrate` started together apply each migration once. A migration whose \
            SQL changed after it was applied stops the run and is named.
            """,
        subcommands: [Apply.self, Status.self],
        defaultSubcommand: Apply.self
    )
}

extension Migrate {
    /// `fte migrate [apply]`.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply", abstract: "Apply pending migrations (the default).")

        @OptionGroup(title: "Database") var database: DatabaseOptions

        @Flag(name: .long, help: "List the migrations that would be applied; change nothing.")
        var dryRun = false

        func run() async throws {
            let dryRun = dryRun
            let applied = try await database.withDatabase { db in
                try await Migrator(logger: CommandLogging.logger("fte.migrate")).migrate(db, dryRun: dryRun)
            }
            if applied.isEmpty {
                print("The database is up to date (\(Migration.all.count) migrations applied).")
                return
            }
            print(dryRun ? "Would apply \(applied.count) migration(s):" : "Applied \(applied.count) migration(s):")
            for migration in applied { print("  \(migration.version)  \(migration.name)") }
        }
    }

    /// `fte migrate status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show each migration: applied, pending, changed or unknown.")

        @OptionGroup(title: "Database") var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let statuses = try await database.withDatabase { db in
                try await Migrator().status(db)
            }
            let header = ["VERSION", "NAME", "STATE", "APPLIED AT"]
            let rows = statuses.map {
                [String($0.version), $0.name, $0.state.rawValue, $0.appliedAt.map(Rendering.timestamp) ?? "-"]
            }
            switch output.format {
            case .json: print(try Rendering.json(statuses))
            case .csv: print(Rendering.csv(header: header, rows: rows))
            case .table: print(Rendering.table(header: header, rows: rows))
            }
            if statuses.contains(where: { $0.state == .changed || $0.state == .unknown }) {
                throw ExitCode.failure
            }
        }
    }
}
