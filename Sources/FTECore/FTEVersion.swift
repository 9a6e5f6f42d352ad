/// The version of the fte toolkit.
public enum FTEVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
