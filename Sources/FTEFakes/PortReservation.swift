#if canImport(Glibc)
import Glibc
#endif

/// Holds a loopback TCP port bound (not listening) so no other socket, not even an outgoing
/// connection's ephemeral port, takes it; connections to it are refused. The mock Kafka cluster
/// of librdkafka 2.0.2 aborts the process when a broker brought back up cannot listen on its
/// old port, so a broker's port is held while the broker is down.
final class PortReservation: Sendable {
    private let descriptor: Int32

    /// Binds 127.0.0.1:`port`; `nil` when it is taken.
    init?(port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }
}

/// Loopback TCP ports for servers in tests.
public enum LoopbackPort {
    /// A loopback TCP port free a moment ago (the kernel's pick), for a server that must be
    /// told its port: another process may take it meanwhile, but the kernel rarely hands the
    /// same ephemeral port out twice in a row.
    public static func unused() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        return found ? Int(UInt16(bigEndian: address.sin_port)) : 0
    }
}
