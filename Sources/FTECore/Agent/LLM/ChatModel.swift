/// Something that continues a conversation: an OpenAI-compatible server
/// (``ChatCompletionsClient``) or a stand-in in tests.
public protocol ChatModel: Sendable {
    /// The model's next message for `request`.
    /// - Throws: ``LLMError`` when no completion could be had; `CancellationError` when the task
    ///   was cancelled.
    func complete(_ request: ChatRequest) async throws -> ChatCompletion
}
