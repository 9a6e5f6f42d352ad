/// Why a tool call did nothing: answered to the client as a tool error (`isError`) with this
/// message, which names the argument at fault when there is one.
struct ToolFailure: Error, Sendable, CustomStringConvertible {
    var message: String

    var description: String { message }

    init(_ message: String) {
        self.message = message
    }

    /// An argument with a bad value.
    static func invalid(_ field: String, _ problem: String) -> ToolFailure {
        ToolFailure("invalid argument `\(field)`: \(problem)")
    }
}
