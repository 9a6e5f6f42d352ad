import ArgumentParser
import FTECore

/// `--group-similarity`, shared by `fte report` and `fte kb candidates suggest/gaps`: when two
/// questions are one topic.
struct QuestionGroupingOptions: ParsableArguments {
    @Option(
        name: .customLong("group-similarity"),
        help: ArgumentHelp("Cosine similarity at which two questions are one (env FTE_QUESTION_GROUP_SIMILARITY; default 0.5).", valueName: "0-1"))
    var groupSimilarity: Double?

    /// The flag, else `FTE_QUESTION_GROUP_SIMILARITY`, else ``QuestionTopics/defaultSimilarity``.
    /// - Throws: ``CommandFailure`` (usage) for a value outside 0-1.
    func similarity(environment: [String: String]) throws -> Double {
        try ReportCommandSupport.number(
            .questionGroupSimilarity, flag: groupSimilarity, option: "--group-similarity", environment: environment,
            default: QuestionTopics.defaultSimilarity, in: 0...1)
    }
}

/// `--answered-similarity`, shared by `fte kb candidates suggest/gaps`: when a knowledge-base
/// passage already answers a question.
struct AnsweredSimilarityOptions: ParsableArguments {
    @Option(
        name: .customLong("answered-similarity"),
        help: ArgumentHelp("A knowledge-base passage at least this similar (cosine) answers a question (default: FTE_BUILTIN_MIN_SIMILARITY, 0.5).", valueName: "0-1"))
    var answeredSimilarity: Double?

    /// The flag, else `FTE_BUILTIN_MIN_SIMILARITY`, else the built-in responder's default.
    /// - Throws: ``CommandFailure`` (usage) for a value outside 0-1.
    func threshold(environment: [String: String]) throws -> Double {
        try ReportCommandSupport.number(
            .builtinMinSimilarity, flag: answeredSimilarity, option: "--answered-similarity", environment: environment,
            default: BuiltinResponder.defaultMinimumSimilarity, in: 0...1)
    }
}
