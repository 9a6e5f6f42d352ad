import Foundation

/// Which process holds a loopback TCP connection, from Linux's `/proc`: the fakes see a
/// sender's client port; the simulator needs the `fte work` process behind it.
enum SocketOwner {
    /// The one of `pids` that has an open TCP socket whose local port is `port`, or nil (not
    /// Linux, the connection is gone, or another process has it).
    static func pid(ofLocalPort port: Int, among pids: [Int32]) -> Int32? {
        let inodes = Set(["/proc/net/tcp", "/proc/net/tcp6"].flatMap { socketInodes(localPort: port, table: $0) })
        guard !inodes.isEmpty else { return nil }
        return pids.first { pid in
            let directory = "/proc/\(pid)/fd"
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return descriptors.contains { descriptor in
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(descriptor)"),
                    target.hasPrefix("socket:[")
                else { return false }
                return inodes.contains(String(target.dropFirst(8).dropLast()))
            }
        }
    }

    /// The inodes of the sockets in `table` (`/proc/net/tcp` format: `local_address` is
    /// `HEXADDR:HEXPORT`, the inode is the tenth column) bound locally to `port`.
    private static func socketInodes(localPort port: Int, table: String) -> [String] {
        // Read to the end: procfs files report a size of 0, which `String(contentsOfFile:)` believes.
        guard let handle = FileHandle(forReadingAtPath: table), let data = try? handle.readToEnd() else { return [] }
        try? handle.close()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count > 9, let colon = columns[1].lastIndex(of: ":"),
                Int(columns[1][columns[1].index(after: colon)...], radix: 16) == port
            else { return nil }
            return String(columns[9])
        }
    }
}
