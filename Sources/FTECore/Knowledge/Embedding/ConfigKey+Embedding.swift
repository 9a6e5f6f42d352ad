extension ConfigKey {
    /// The local embedding model's directory.
    public static let embedModelDirectory = ConfigKey(
        "FTE_EMBED_MODEL_DIR",
        "all-MiniLM-L6-v2 model directory (default: $FTE_MODEL_HOME or ~/.local/share/fte/models, /all-MiniLM-L6-v2)")
    /// Threads that compute local embeddings.
    public static let embedThreads = ConfigKey("FTE_EMBED_THREADS", "threads computing local embeddings (default: all cores)")
    /// How many recent search queries the worker keeps the vectors of.
    public static let embedCacheSize = ConfigKey(
        "FTE_EMBED_CACHE_SIZE", "search queries whose vectors `fte work` remembers (default 4096; 0: off)")
}
