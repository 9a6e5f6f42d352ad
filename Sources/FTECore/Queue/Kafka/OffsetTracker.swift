/// Which offset of each partition a consumer may commit while its records finish out of order:
/// the lowest unfinished offset, or one past the highest finished when none is unfinished. So a
/// commit never covers a record that is not finished, whatever order records finish in.
///
/// Records of a partition are received in offset order, possibly with gaps (compaction,
/// transaction markers).
struct OffsetTracker: Sendable {
    private struct Partition {
        /// Offsets received and not finished, ascending.
        var unfinished: [Int64]
        /// One past the highest offset received.
        var end: Int64
        /// The offset last committed; at first the first offset received, where the group
        /// already stood.
        var committed: Int64

        /// The lowest unfinished offset, or one past the highest finished.
        var committable: Int64 { unfinished.first ?? end }
    }

    private var partitions: [Int32: Partition] = [:]

    /// Records received and not finished, in every partition.
    private(set) var unfinishedCount = 0

    /// Records `offset` of `partition` as received and unfinished.
    /// - Returns: `false`, ignoring it, when the offset is not past the partition's highest one
    ///   received (a record delivered again).
    mutating func receive(_ offset: Int64, in partition: Int32) -> Bool {
        guard let end = partitions[partition]?.end else {
            partitions[partition] = Partition(unfinished: [offset], end: offset + 1, committed: offset)
            unfinishedCount += 1
            return true
        }
        guard offset >= end else { return false }
        partitions[partition]!.unfinished.append(offset)
        partitions[partition]!.end = offset + 1
        unfinishedCount += 1
        return true
    }

    /// Records a received offset as finished.
    /// - Returns: `false` when it is not an unfinished offset of a tracked partition.
    mutating func finish(_ offset: Int64, in partition: Int32) -> Bool {
        guard let unfinished = partitions[partition]?.unfinished else { return false }
        let index = unfinished.partitioningIndex { $0 >= offset }
        guard index < unfinished.count, unfinished[index] == offset else { return false }
        partitions[partition]!.unfinished.remove(at: index)
        unfinishedCount -= 1
        return true
    }

    /// The offset `partition` may be committed at; `nil` when it is not tracked.
    func committable(_ partition: Int32) -> Int64? {
        partitions[partition]?.committable
    }

    /// The committable offset of each partition that is past its last commit.
    var uncommitted: [Int32: Int64] {
        var offsets: [Int32: Int64] = [:]
        for (partition, state) in partitions where state.committable > state.committed {
            offsets[partition] = state.committable
        }
        return offsets
    }

    /// Records a successful commit of `offsets`; partitions no longer tracked are ignored.
    mutating func committed(_ offsets: [Int32: Int64]) {
        for (partition, offset) in offsets where partitions[partition] != nil {
            partitions[partition]!.committed = max(partitions[partition]!.committed, offset)
        }
    }

    /// Forgets `partition` (it was revoked): nothing of it is committable until it is received again.
    mutating func remove(_ partition: Int32) {
        unfinishedCount -= partitions.removeValue(forKey: partition)?.unfinished.count ?? 0
    }
}

extension RandomAccessCollection {
    /// The index of the first element for which `belongs` holds, in a collection where it holds
    /// for a suffix (binary search); `endIndex` when it holds for none.
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = distance(from: low, to: endIndex)
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
