#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file; unmapped when the last reference goes.
///
/// The bytes are shared with the page cache, not copied: a 90 MB weights file costs resident
/// memory only for the pages actually read.
final class MappedFile: @unchecked Sendable {
    // @unchecked Sendable: the mapping is read-only (PROT_READ) and immutable for the object's
    // lifetime, so sharing the base pointer across threads is safe.

    /// The file's path, for error messages.
    let path: String
    /// The first byte of the mapping.
    let bytes: UnsafeRawPointer
    /// The file's length in bytes.
    let count: Int

    /// Maps `path` read-only.
    /// - Throws: ``EmbeddingError`` (`missingFile` or `corruptModel`) naming the path.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw EmbeddingError(errno == ENOENT ? .missingFile : .corruptModel,
                                 "cannot open: \(reason)", path: path)
        }
        defer { close(fd) }
        // The size from the end offset: `struct stat`'s members are not visible here in
        // whole-module (release) builds, which see them through CoreFoundation.
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else {
            throw EmbeddingError(.corruptModel, "cannot find the size: \(String(cString: strerror(errno)))", path: path)
        }
        let size = Int(end)
        guard size > 0 else {
            throw EmbeddingError(.corruptModel, "the file is empty", path: path)
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw EmbeddingError(.corruptModel, "cannot map: \(String(cString: strerror(errno)))", path: path)
        }
        self.bytes = UnsafeRawPointer(base)
        self.count = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes), count)
    }
}
