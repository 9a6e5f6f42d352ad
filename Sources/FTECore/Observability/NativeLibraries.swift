/// Versions of the C libraries fte links against, logged when `fte serve` and `fte work` start,
/// so an operator can tell which libpq, libcurl and librdkafka a binary is really running with.
/// Each version comes from the type that owns its library's C calls.
public enum NativeLibraries {
    /// libpq's version, e.g. `15.18`.
    public static var libpq: String { PQConnection.libraryVersion }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 …`.
    public static var libcurl: String { CurlGlobal.version }

    /// librdkafka's version, e.g. `2.0.2`.
    public static var librdkafka: String { KafkaNativeClient.libraryVersion }

    /// One line naming all three, for logs.
    public static var summary: String { "libpq \(libpq); librdkafka \(librdkafka); \(libcurl)" }
}
