#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A WordPiece vocabulary (`vocab.txt`: one token per line, the line number is its id), looked up
/// by exact UTF-8 bytes.
///
/// Bytes, not `String`: Swift compares strings by canonical equivalence, and hashing a `String`
/// per lookup costs an allocation; the tokenizer looks up word pieces straight from a byte buffer.
struct Vocabulary: Sendable {
    /// All tokens' bytes, one after another.
    private let storage: [UInt8]
    /// Token `i` is `storage[starts[i]..<starts[i + 1]]`.
    private let starts: [Int32]
    /// Open-addressing table of token ids; -1 marks an empty slot.
    private let slots: [Int32]
    private let mask: Int

    /// The number of tokens (the highest id plus one).
    var count: Int { starts.count - 1 }

    /// Builds a vocabulary from the bytes of `vocab.txt`. Lines are split on `\n`; a later
    /// duplicate of a token wins, as in the reference tokenizer.
    init(fileContents: [UInt8]) {
        var starts: [Int32] = [0]
        var storage: [UInt8] = []
        storage.reserveCapacity(fileContents.count)
        for byte in fileContents {
            if byte == UInt8(ascii: "\n") {
                starts.append(Int32(storage.count))
            } else {
                storage.append(byte)
            }
        }
        if let last = starts.last, Int(last) != storage.count { starts.append(Int32(storage.count)) }
        let count = starts.count - 1
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        storage.withUnsafeBufferPointer { all in
            for id in 0..<count {
                let token = UnsafeBufferPointer(rebasing: all[Int(starts[id])..<Int(starts[id + 1])])
                var slot = Int(truncatingIfNeeded: Self.hash(token, continuation: false)) & mask
                while slots[slot] >= 0 {
                    let other = Int(slots[slot])
                    if token.elementsEqual(all[Int(starts[other])..<Int(starts[other + 1])]) { break }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Int32(id)
            }
        }
        self.storage = storage
        self.starts = starts
        self.slots = slots
        self.mask = mask
    }

    /// The id of a token given as a string (e.g. `[CLS]`), or `nil`.
    func id(of token: String) -> Int32? {
        var token = token
        return token.withUTF8 { id(of: $0, continuation: false) }
    }

    /// The id of a word piece, or `nil` when the vocabulary lacks it.
    /// - Parameters:
    ///   - piece: the piece's UTF-8 bytes.
    ///   - continuation: look up `##` followed by the piece (a piece inside a word).
    func id(of piece: UnsafeBufferPointer<UInt8>, continuation: Bool) -> Int32? {
        guard let pieceBase = piece.baseAddress, !piece.isEmpty else { return nil }
        var slot = Int(truncatingIfNeeded: Self.hash(piece, continuation: continuation)) & mask
        let prefix = continuation ? 2 : 0
        return storage.withUnsafeBufferPointer { all -> Int32? in
            while true {
                let id = slots[slot]
                if id < 0 { return nil }
                let start = Int(starts[Int(id)]), end = Int(starts[Int(id) + 1])
                if end - start == piece.count + prefix,
                   !continuation || (all[start] == 0x23 && all[start + 1] == 0x23),
                   memcmp(all.baseAddress! + start + prefix, pieceBase, piece.count) == 0 {
                    return id
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a over the bytes, preceded by `##` for a continuation piece.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, continuation: Bool) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if continuation {
            h = (h ^ 0x23) &* 0x0000_0100_0000_01b3
            h = (h ^ 0x23) &* 0x0000_0100_0000_01b3
        }
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h ^ (h >> 29)
    }
}
