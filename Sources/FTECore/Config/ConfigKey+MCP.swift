extension ConfigKey {
    /// Port of `fte mcp`'s streamable HTTP transport; unset: stdio.
    public static let mcpHTTPPort = ConfigKey(
        "FTE_MCP_HTTP_PORT", "port of fte mcp's streamable HTTP transport, 0 for any free one (default: stdio, no HTTP)")
    /// Address `fte mcp --http` listens on.
    public static let mcpHost = ConfigKey("FTE_MCP_HOST", "address fte mcp --http listens on (default 127.0.0.1)")
    /// Whether MCP clients may reply to, escalate and resolve tickets.
    public static let mcpAllowWrites = ConfigKey(
        "FTE_MCP_ALLOW_WRITES", "true: fte mcp offers reply_to_ticket, escalate_ticket and resolve_ticket (default false)")
    /// Browser origins allowed to call `fte mcp --http`.
    public static let mcpAllowedOrigins = ConfigKey(
        "FTE_MCP_ALLOWED_ORIGINS", "comma-separated browser origins allowed to call fte mcp --http besides its own (default: none)")
}
