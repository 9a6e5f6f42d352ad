import CLibPQ

extension PQConnection {
    /// One statement of a pipeline: its SQL and text-format parameters.
    typealias Statement = (sql: String, binds: [String?])

    /// Runs `statements` in one round trip with libpq's pipeline mode: all are sent, then all
    /// results are read. The server runs them in order, each as its own statement; after one
    /// fails it skips the rest, and that error is thrown. Outside a transaction block they form
    /// one implicit transaction, committed after the last.
    ///
    /// Statements are prepared on first use as in ``execute(_:binds:)``, within the same
    /// pipeline; one that would need an eviction from a full cache runs unnamed instead. With
    /// `mayRetry`, a pipeline refused because a prepared statement became unusable is retried
    /// once when nothing of it is left open (no transaction block).
    func pipelined(_ statements: [Statement], mayRetry: Bool) throws -> [QueryResult] {
        do {
            return try runPipeline(statements)
        } catch let error as DatabaseError where SQLState.invalidatesPreparedStatement.contains(error.sqlState ?? "") {
            guard mayRetry, PQtransactionStatus(handle) == PQTRANS_IDLE else { throw error }
            return try runPipeline(statements)
        }
    }

    /// What was sent, in order: each unit's results end with a null result.
    private enum PipelineUnit {
        case prepare(sql: String)
        case statement(sql: String)
    }

    private func runPipeline(_ statements: [Statement]) throws -> [QueryResult] {
        guard PQenterPipelineMode(handle) == 1 else {
            throw DatabaseError(isBroken ? .connectionLost : .queryFailed, lastErrorMessage)
        }
        var units: [PipelineUnit] = []
        for statement in statements {
            guard send(statement, recordingIn: &units) else { try abandonPipeline() }
        }
        guard PQpipelineSync(handle) == 1 else { try abandonPipeline() }
        var results: [QueryResult] = []
        var firstError: DatabaseError?
        for unit in units {
            switch (unit, try readUnit()) {
            case (.prepare(let sql), .success(let result)):
                if result == nil { forgetPrepared(sql) }  // skipped after an earlier error: never prepared
            case (.prepare(let sql), .failure(let error)):
                forgetPrepared(sql)
                firstError = firstError ?? error
            case (.statement, .success(let result)):
                if let result { results.append(result) }
            case (.statement(let sql), .failure(let error)):
                if SQLState.invalidatesPreparedStatement.contains(error.sqlState ?? "") { forgetPrepared(sql) }
                firstError = firstError ?? error
            }
        }
        try finishPipeline()
        if let firstError { throw firstError }
        return results
    }

    /// Queues one statement, preparing it first when it is new and the cache has room.
    /// - Returns: `false` when libpq could not queue it (the connection broke).
    private func send(_ statement: Statement, recordingIn units: inout [PipelineUnit]) -> Bool {
        let count = Int32(statement.binds.count)
        if let name = preparedNameForPipeline(statement.sql, units: &units, parameterCount: count) {
            units.append(.statement(sql: statement.sql))
            return withCStringArray(statement.binds) { PQsendQueryPrepared(handle, name, count, $0, nil, nil, 0) } == 1
        }
        units.append(.statement(sql: statement.sql))
        return statement.sql.withCString { sql in
            withCStringArray(statement.binds) { PQsendQueryParams(handle, sql, count, nil, $0, nil, nil, 0) }
        } == 1
    }

    /// The statement's prepared name, queueing its preparation when it is new; `nil` to run it
    /// unnamed (no cache, a full cache, or the preparation could not be queued).
    private func preparedNameForPipeline(_ sql: String, units: inout [PipelineUnit], parameterCount: Int32) -> String? {
        if let name = cachedName(for: sql) { return name }
        guard let name = reserveName(for: sql) else { return nil }
        guard PQsendPrepare(handle, name, sql, parameterCount, nil) == 1 else {
            forgetPrepared(sql)
            return nil
        }
        units.append(.prepare(sql: sql))
        return name
    }

    /// Reads one unit's results up to its null result: the last rows, an error, or `nil` for a
    /// statement the server skipped after an earlier error.
    private func readUnit() throws -> Result<QueryResult?, DatabaseError> {
        var outcome: Result<QueryResult?, DatabaseError> = .success(nil)
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
                continue
            }
            do {
                outcome = .success(try QueryResult.consume(result, connection: self))
            } catch let error as DatabaseError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(DatabaseError(.queryFailed, "\(error)"))
            }
        }
        guard !isBroken else { throw DatabaseError(.connectionLost, lastErrorMessage) }
        return outcome
    }

    /// Reads the synchronisation result and leaves pipeline mode.
    private func finishPipeline() throws {
        guard let sync = PQgetResult(handle) else { throw DatabaseError(.connectionLost, lastErrorMessage) }
        let status = PQresultStatus(sync)
        PQclear(sync)
        guard status == PGRES_PIPELINE_SYNC, PQexitPipelineMode(handle) == 1 else {
            throw DatabaseError(isBroken ? .connectionLost : .queryFailed, lastErrorMessage)
        }
    }

    /// A pipeline that could not be sent whole: the connection is unusable; report why.
    private func abandonPipeline() throws -> Never {
        throw DatabaseError(isBroken ? .connectionLost : .queryFailed, lastErrorMessage)
    }
}
