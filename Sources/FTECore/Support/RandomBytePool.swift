import Foundation
import Synchronization

/// Bytes from the kernel's generator (`/dev/urandom`, opened once), read 4 KiB at a time and
/// handed out once each.
struct RandomBytePool: ~Copyable {
    private static let shared = Mutex(RandomBytePool())

    /// 16 random bytes no other caller got.
    static func next16() -> (UInt64, UInt64) {
        shared.withLock { $0.take16() }
    }

    private var bytes = [UInt8](repeating: 0, count: 4096)
    private var next = 4096
    private let source = open("/dev/urandom", O_RDONLY | O_CLOEXEC)

    /// The next 16 unused bytes.
    private mutating func take16() -> (UInt64, UInt64) {
        if next + 16 > bytes.count { refill() }
        defer { next += 16 }
        return bytes.withUnsafeBytes { raw in
            (raw.loadUnaligned(fromByteOffset: next, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: next + 8, as: UInt64.self))
        }
    }

    private mutating func refill() {
        let source = self.source
        bytes.withUnsafeMutableBytes { raw in
            var filled = 0
            while filled < raw.count {
                let count = source >= 0 ? read(source, raw.baseAddress! + filled, raw.count - filled) : -1
                if count > 0 {
                    filled += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    // No /dev/urandom (a bare container): the standard library's generator.
                    var generator = SystemRandomNumberGenerator()
                    for index in filled..<raw.count { raw[index] = generator.next() }
                    filled = raw.count
                }
            }
        }
        next = 0
    }
}
