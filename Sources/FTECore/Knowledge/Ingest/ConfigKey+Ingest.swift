extension ConfigKey {
    /// The largest file `fte kb ingest` reads.
    public static let kbMaxFileBytes = ConfigKey(
        "FTE_KB_MAX_FILE_BYTES", "largest file fte kb ingest reads, in bytes (default 10485760, 10 MB)")
}
