import CLibPQ
import CRdKafka
import CCurl

/// Versions of the C libraries fte links against, logged at start-up so an operator can tell
/// which libpq, libcurl and librdkafka a binary is really running with.
public enum NativeLibraries {
    /// libpq's version, e.g. `15.18`.
    public static var libpq: String {
        let v = Int(PQlibVersion())
        return v >= 100_000 ? "\(v / 10_000).\(v % 10_000)" : "\(v / 10_000).\(v / 100 % 100).\(v % 100)"
    }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 …`.
    public static var libcurl: String { String(cString: curl_version()) }

    /// librdkafka's version, e.g. `2.0.2`.
    public static var librdkafka: String { String(cString: rd_kafka_version_str()) }

    /// One line naming all three, for logs and `fte --version --verbose`.
    public static var summary: String { "libpq \(libpq); librdkafka \(librdkafka); \(libcurl)" }
}
