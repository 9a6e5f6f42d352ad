extension ConfigKey {
    /// Base URL of the OpenAI-compatible chat API.
    public static let llmBaseURL = ConfigKey(
        "FTE_LLM_BASE_URL", "OpenAI-compatible API base URL (default \(LLMSettings.defaultBaseURL))")
    /// The API key (Gemini's `GEMINI_API_KEY` is read when unset).
    public static let llmAPIKey = ConfigKey(
        "FTE_LLM_API_KEY", "API key of the LLM server (default: $GEMINI_API_KEY; unset: no LLM)", isSecret: true)
    /// The chat model.
    public static let llmModel = ConfigKey("FTE_LLM_MODEL", "chat model (default \(LLMSettings.defaultModel))")
    /// The limit on one request.
    public static let llmTimeout = ConfigKey(
        "FTE_LLM_TIMEOUT_SECONDS", "limit on one LLM request in seconds (default 30)")
    /// Retries of a failed call.
    public static let llmMaxRetries = ConfigKey(
        "FTE_LLM_MAX_RETRIES", "retries of an LLM call after 429, 5xx, timeouts and transport errors (default 2)")
    /// The longest server-requested wait the client sits out itself.
    public static let llmMaxRetryDelay = ConfigKey(
        "FTE_LLM_MAX_RETRY_DELAY_SECONDS",
        "longest server-requested retry delay the LLM client waits itself; longer ones fail at once (default 10)")
}
