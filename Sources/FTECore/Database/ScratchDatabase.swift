import Foundation

/// A throwaway database on a PostgreSQL server: created under a unique name, dropped when done.
/// `fte simulate` runs each simulated day in one; the test suite makes one per test.
///
/// ```swift
/// let scratch = try await ScratchDatabase.create(on: "postgres://fte@127.0.0.1:54329/postgres", prefix: "fte_sim_")
/// defer { Task { await scratch.drop() } }
/// ```
public struct ScratchDatabase: Sendable {
    /// URL of the new database: the server's URL naming it (with `connect_timeout` when one was
    /// asked for and the server URL sets none).
    public let url: String
    /// Its name: the prefix and 16 random hex digits.
    public let name: String
    private let serverURL: String
    private let connectTimeout: Int?

    /// Creates an empty database (migrated when `migrated`) on the server at `serverURL`.
    /// - Parameters:
    ///   - prefix: the name's start; letters, digits and `_` only.
    ///   - connectTimeout: seconds a connection to it may take to be accepted (`connect_timeout`
    ///     in its URL); `nil` keeps the server URL's or libpq's.
    /// - Throws: ``DatabaseError`` when the server refuses or the migrations fail (the database
    ///   is dropped again then).
    public static func create(
        on serverURL: String, prefix: String, migrated: Bool = true, connectTimeout: Int? = nil
    ) async throws -> ScratchDatabase {
        precondition(prefix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }, "bad prefix \(prefix)")
        let name = prefix + UUID.random().lowercasedString.replacingOccurrences(of: "-", with: "").prefix(16)
        try await onServer(serverURL, connectTimeout: connectTimeout) { admin in
            // CREATE DATABASE cannot take a bind parameter; the name is checked and generated above.
            try await admin.execute(SQLQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let scratch = ScratchDatabase(
            url: scratchURL(on: serverURL, database: name, connectTimeout: connectTimeout), name: name,
            serverURL: serverURL, connectTimeout: connectTimeout)
        guard migrated else { return scratch }
        do {
            try await scratch.withClient { try await Migrator().migrate($0) }
        } catch {
            await scratch.drop()
            throw error
        }
        return scratch
    }

    /// Runs `body` with a client of the database, closing it afterwards.
    @discardableResult
    public func withClient<R: Sendable>(maxConnections: Int = 4, _ body: (Database) async throws -> R) async throws -> R {
        let client = Database(configuration: try DatabaseConfiguration(url: url, maxConnections: maxConnections))
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// Drops the database, ending the connections still open to it. Never throws: a database
    /// left behind is only litter (its name says where it came from).
    public func drop() async {
        _ = try? await Self.onServer(serverURL, connectTimeout: connectTimeout) { admin in
            try await admin.execute(SQLQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }

    /// Runs `body` with one connection to the server's maintenance database.
    private static func onServer(
        _ serverURL: String, connectTimeout: Int?, _ body: (Database) async throws -> Void
    ) async throws {
        var configuration = try DatabaseConfiguration(url: serverURL, maxConnections: 1)
        if let connectTimeout { configuration.connectTimeout = connectTimeout }
        let admin = Database(configuration: configuration)
        do {
            try await body(admin)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }

    /// `serverURL` naming `database`, with `connect_timeout` unless the URL sets one.
    static func scratchURL(on serverURL: String, database: String, connectTimeout: Int?) -> String {
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/" + database
        var query = components.queryItems ?? []
        if let connectTimeout, !query.contains(where: { $0.name == "connect_timeout" }) {
            query.append(URLQueryItem(name: "connect_timeout", value: String(connectTimeout)))
        }
        components.queryItems = query.isEmpty ? nil : query
        return components.string ?? serverURL
    }
}
