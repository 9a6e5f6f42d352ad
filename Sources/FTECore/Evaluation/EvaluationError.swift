/// Why `fte eval` cannot run: an unusable scenario file or an empty selection.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case invalidScenario, noScenarios }
        private let value: Value

        /// A scenario file is unreadable or a scenario in it is malformed.
        public static let invalidScenario = Code(value: .invalidScenario)
        /// Nothing to evaluate (empty files, or no recorded tickets in the window).
        public static let noScenarios = Code(value: .noScenarios)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// One line for people, naming the file and the scenario.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
