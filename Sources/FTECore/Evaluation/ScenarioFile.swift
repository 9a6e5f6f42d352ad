import Foundation
import Yams

/// Reads scenario files: JSON Lines (`.jsonl`, one scenario per line; blank lines and lines
/// starting with `#` are skipped) or YAML (`.yaml`, `.yml`: a list of scenarios).
public enum ScenarioFile {
    /// The scenarios of `path`, checked.
    /// - Throws: ``EvaluationError`` `invalidScenario` naming the file, the line or scenario,
    ///   and the problem; duplicate ids are refused too.
    public static func load(_ path: String) throws(EvaluationError) -> [Scenario] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvaluationError(code: .invalidScenario, message: "cannot read the scenario file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EvaluationError(code: .invalidScenario, message: "\(path) is not UTF-8 text")
        }
        let lowered = path.lowercased()
        let scenarios: [Scenario]
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            scenarios = try parseYAML(text, file: path)
        } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            scenarios = try parseJSONLines(text, file: path)
        } else {
            throw EvaluationError(code: .invalidScenario, message: "\(path): scenario files end in .jsonl, .yaml or .yml")
        }
        try check(scenarios, file: path)
        return scenarios
    }

    /// One scenario per line.
    static func parseJSONLines(_ text: String, file: String) throws(EvaluationError) -> [Scenario] {
        var scenarios: [Scenario] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            do {
                scenarios.append(try JSONDecoder().decode(Scenario.self, from: Data(trimmed.utf8)))
            } catch {
                throw EvaluationError(code: .invalidScenario, message: "\(file):\(number + 1): \(describe(error))")
            }
        }
        return scenarios
    }

    /// A YAML list of scenarios (an empty document is an empty list).
    static func parseYAML(_ text: String, file: String) throws(EvaluationError) -> [Scenario] {
        guard !text.trimmingWhitespace().isEmpty else { return [] }
        do {
            return try YAMLDecoder().decode([Scenario].self, from: text)
        } catch {
            throw EvaluationError(code: .invalidScenario, message: "\(file): \(describe(error))")
        }
    }

    /// Ids unique across files and every scenario usable.
    static func check(_ scenarios: [Scenario], file: String) throws(EvaluationError) {
        var seen: Set<String> = []
        for scenario in scenarios {
            if let problem = scenario.problems().first {
                throw EvaluationError(code: .invalidScenario, message: "\(file): scenario “\(scenario.id)”: \(problem)")
            }
            guard seen.insert(scenario.id).inserted else {
                throw EvaluationError(code: .invalidScenario, message: "\(file): the id “\(scenario.id)” is used twice")
            }
        }
    }

    /// A decoding failure in one line: where, and what was expected.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            if let yaml = error as? YamlError { return "not YAML (\(String(describing: yaml).split(whereSeparator: \.isNewline).first ?? ""))" }
            return "\(error)"
        }
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = (context.codingPath + (key.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + ": "
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context, key))missing"
        case .typeMismatch(let type, let context):
            return "\(path(context))expected \(type == String.self ? "text" : type == Bool.self ? "true or false" : "\(type)")"
        case .valueNotFound(let type, let context):
            return "\(path(context))expected \(type), found nothing"
        case .dataCorrupted(let context):
            let detail = context.debugDescription.contains("invalid String value")
                ? "not one of the allowed values" : context.debugDescription
            return context.codingPath.isEmpty && detail.contains("not valid JSON") ? "not a JSON object" : "\(path(context))\(detail)"
        @unknown default:
            return "\(error)"
        }
    }
}
