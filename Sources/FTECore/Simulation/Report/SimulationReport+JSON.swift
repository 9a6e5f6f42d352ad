import Foundation

extension SimulationReport {
    /// The `--json` document: every field of the result with snake_case keys (so `lost_messages`
    /// and `duplicate_replies` are at the top level), plus the verdict as `passed` and the names
    /// of the objectives that did not hold as `missed_objectives`. Sorted keys, pretty printed,
    /// ISO 8601 dates (whole seconds). Throws if a measurement is not finite (NaN, infinity).
    public static func json(_ result: SimulationResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(Document(result: result))
    }

    /// Reads a document ``json(_:)`` wrote back into a result (`passed` and `missed_objectives`
    /// are derived again from the objectives).
    public static func result(fromJSON data: Data) throws -> SimulationResult {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SimulationResult.self, from: data)
    }

    /// The result's own keys, with the computed verdict beside them.
    private struct Document: Encodable {
        var result: SimulationResult

        enum VerdictKeys: String, CodingKey { case passed, missedObjectives }

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: VerdictKeys.self)
            try container.encode(result.passed, forKey: .passed)
            try container.encode(result.missedObjectives.map(\.name), forKey: .missedObjectives)
        }
    }
}
