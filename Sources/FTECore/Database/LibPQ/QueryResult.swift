import CLibPQ

/// The rows and row count of one statement, copied out of a `PGresult`.
struct QueryResult: Sendable {
    var rows: [DatabaseRow]
    /// Rows affected by INSERT/UPDATE/DELETE (0 for other statements).
    var affectedRows: Int

    /// Converts a `PGresult` (which it frees) into rows, or throws the error it reports.
    static func consume(_ result: OpaquePointer?, connection: PQConnection) throws -> QueryResult {
        guard let result else {
            throw DatabaseError(
                connection.isBroken ? .connectionLost : .queryFailed, connection.lastErrorMessage)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return QueryResult(rows: rows(of: result), affectedRows: Int(String(cString: PQcmdTuples(result))) ?? 0)
        default:
            throw error(from: result, connection: connection)
        }
    }

    private static func rows(of result: OpaquePointer) -> [DatabaseRow] {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        guard rowCount > 0 else { return [] }
        let columns = ColumnIndex(names: (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) })
        var rows: [DatabaseRow] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for c in 0..<Int32(columnCount) {
                if PQgetisnull(result, r, c) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, r, c)))
                }
            }
            rows.append(DatabaseRow(columns: columns, values: values))
        }
        return rows
    }

    /// Reads the error fields (`PG_DIAG_*` in postgres_ext.h; char macros Swift cannot import).
    private static func error(from result: OpaquePointer, connection: PQConnection) -> DatabaseError {
        func field(_ code: Character) -> String? {
            guard let p = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: p)
        }
        let sqlState = field("C")
        let primary = field("M") ?? connection.lastErrorMessage
        let detail = [field("D"), field("H")]
            .compactMap { $0 }.joined(separator: " ")
        let code: DatabaseError.Code =
            if connection.isBroken { .connectionLost }
            else if sqlState == SQLState.queryCanceled { .timeout }
            else { .queryFailed }
        return DatabaseError(
            code, primary, sqlState: sqlState, detail: detail.isEmpty ? nil : detail,
            constraint: field("n"))
    }
}
