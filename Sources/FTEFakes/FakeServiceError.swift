/// A fake could not start, or was asked for something it does not have.
public struct FakeServiceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
