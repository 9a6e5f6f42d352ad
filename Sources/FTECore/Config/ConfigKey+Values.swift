/// A setting whose value cannot be used, naming the variable (never a secret's value).
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension ConfigKey {
    /// A whole number from the flag or the environment, checked against `range`.
    public func integer(
        flag: Int? = nil, environment: [String: String], default value: Int, in range: ClosedRange<Int>
    ) throws -> Int {
        if let flag {
            guard range.contains(flag) else { throw outOfRange(String(flag), range) }
            return flag
        }
        guard let text = resolve(flag: nil, environment: environment) else { return value }
        guard let number = Int(text), range.contains(number) else { throw outOfRange(text, range) }
        return number
    }

    /// `true`/`false` (also `1`/`0`, `yes`/`no`) from the environment.
    public func boolean(environment: [String: String], default value: Bool) throws -> Bool {
        guard let text = resolve(flag: nil, environment: environment) else { return value }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ConfigError("\(name) must be true or false (got \(isSecret ? "a hidden value" : text))")
        }
    }

    private func outOfRange(_ text: String, _ range: ClosedRange<Int>) -> ConfigError {
        ConfigError(
            "\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound) (got \(isSecret ? "a hidden value" : text))")
    }
}
