/// A SQL statement whose interpolated values become bind parameters.
///
/// ```swift
/// let query: SQLQuery = "SELECT id FROM tickets WHERE status = \(status) LIMIT \(limit)"
/// // sql: SELECT id FROM tickets WHERE status = $1 LIMIT $2, binds: [status, limit]
/// ```
///
/// Values never become SQL text, so a query cannot be injected. Fragments compose with
/// ``append(_:)`` (placeholders are numbered when the statement is rendered). SQL that cannot
/// be written this way goes through the greppable escape hatch ``init(unsafeSQL:)``.
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation {
    enum Element: Sendable {
        case sql(String)
        case bind(String?)
        /// Bound once however often it occurs: equal shared values share one placeholder.
        case sharedBind(String?)
    }

    private(set) var elements: [Element]

    /// Raw SQL without parameters. Never build this string from untrusted values.
    public init(unsafeSQL sql: String) {
        elements = [.sql(sql)]
    }

    public init(stringLiteral value: String) {
        elements = [.sql(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        elements = stringInterpolation.elements
    }

    /// Appends another fragment, keeping its bind parameters.
    public mutating func append(_ other: SQLQuery) {
        elements.append(contentsOf: other.elements)
    }

    /// Returns this query followed by `other`.
    public func appending(_ other: SQLQuery) -> SQLQuery {
        var copy = self
        copy.append(other)
        return copy
    }

    /// The statement text with `$1`, `$2`, … placeholders.
    public var sql: String { rendered.sql }

    /// The bind parameters in placeholder order, in PostgreSQL's text format (`nil` is NULL).
    public var binds: [String?] { rendered.binds }

    /// The text and the parameters, numbered in order of first appearance.
    var rendered: (sql: String, binds: [String?]) {
        var text = ""
        var binds: [String?] = []
        var shared: [String?: Int] = [:]
        for element in elements {
            switch element {
            case .sql(let s):
                text += s
            case .bind(let value):
                binds.append(value)
                text += "$\(binds.count)"
            case .sharedBind(let value):
                if let index = shared[value] {
                    text += "$\(index)"
                } else {
                    binds.append(value)
                    shared[value] = binds.count
                    text += "$\(binds.count)"
                }
            }
        }
        return (text, binds)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var elements: [Element] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            elements.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            elements.append(.sql(literal))
        }

        /// Binds a value as a parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            elements.append(.bind(value.postgresText))
        }

        /// Binds an optional value; `nil` binds SQL NULL.
        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            elements.append(.bind(value?.postgresText))
        }

        /// Binds a value that occurs at several places as one parameter: every `shared:` value
        /// equal to it in the statement refers to the same placeholder, so the server converts it
        /// once (a query vector's 384 numbers, say). Its uses must agree on its type.
        public mutating func appendInterpolation(shared value: some PostgresEncodable) {
            elements.append(.sharedBind(value.postgresText))
        }

        /// Splices another query fragment (its own binds are kept).
        public mutating func appendInterpolation(fragment: SQLQuery) {
            elements.append(contentsOf: fragment.elements)
        }
    }
}
