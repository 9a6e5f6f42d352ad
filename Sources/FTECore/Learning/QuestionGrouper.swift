import HeapModule

/// Groups questions whose embeddings say they are the same question in other words; in reports,
/// the items are the period's question topics (``QuestionTopics``): each topic's mean vector,
/// weighed by its questions in the period, so two items' dot product is the average similarity
/// of their members.
///
/// Average-linkage clustering with a threshold: every item starts alone; the two groups whose
/// members are on average the most similar merge, while that average is at least
/// ``similarity``. Two groups can only average that much if some pair of their items is that
/// similar, so only pairs of groups linked by such a pair are considered: the pairwise
/// similarities are computed in blocks with OpenBLAS and, for each item, its
/// ``maxNeighbours`` most similar above the threshold kept;
/// a group's average with another comes from the sums of their vectors. Deterministic: ties are
/// broken by position.
///
/// Average linkage keeps precision where single linkage chains unrelated questions together and
/// a fixed centre misses wordings. On two hand-written sets of support questions in varied
/// wordings (docs/report.md, "Knowledge gaps"), cosine 0.5 paired questions correctly 87–90 %
/// of the time.
public struct QuestionGrouper: Sendable {
    /// Default cosine similarity at which groups merge (`FTE_QUESTION_GROUP_SIMILARITY`).
    public static let defaultSimilarity = QuestionTopics.defaultSimilarity
    public var similarity: Double

    public init(similarity: Double = Self.defaultSimilarity) {
        self.similarity = similarity
    }

    /// One group: its most typical member first (the one closest to the group's mean), then the
    /// others, most typical first.
    public struct Group: Sendable, Equatable {
        public var centre: Int { members[0] }
        public var members: [Int]
        /// The members' weights added up.
        public var weight: Int
    }

    /// Groups `vectors` (unit vectors of distinct questions, or topics' mean vectors; `weights`
    /// say how often each was asked), largest groups first.
    public func group(_ vectors: [[Float]], weights: [Int]? = nil) -> [Group] {
        let count = vectors.count
        guard count > 0 else { return [] }
        let weights = weights ?? Array(repeating: 1, count: count)
        var clusters = (0..<count).map { index in
            Cluster(members: [index], weight: weights[index], sum: vectors[index].map { $0 * Float(weights[index]) })
        }
        var links = [Set<Int>](repeating: [], count: count)
        var queue = Heap<Candidate>()
        // A pair is linked when either is among the other's nearest (the lists need not agree).
        for (index, neighbours) in neighbourLists(vectors).enumerated() {
            for other in neighbours where links[index].insert(other).inserted {
                links[other].insert(index)
                let (low, high) = index < other ? (index, other) : (other, index)
                queue.insert(Candidate(similarity: Self.dot(vectors[low], vectors[high]), a: low, b: high, versions: (0, 0)))
            }
        }
        let threshold = Float(similarity)
        while let best = queue.popMax(), best.similarity >= threshold {
            let (a, b) = (best.a, best.b)
            guard clusters[a].alive, clusters[b].alive, clusters[a].version == best.versions.0, clusters[b].version == best.versions.1
            else { continue }
            clusters[a].absorb(clusters[b])
            clusters[b].alive = false
            links[a].formUnion(links[b])
            links[a].subtract([a, b])
            links[b] = []
            for other in links[a] {
                links[other].remove(b)
                links[other].insert(a)
                let average = Self.dot(clusters[a].sum, clusters[other].sum) / Float(clusters[a].weight * clusters[other].weight)
                let (low, high) = a < other ? (a, other) : (other, a)
                queue.insert(Candidate(
                    similarity: average, a: low, b: high, versions: (clusters[low].version, clusters[high].version)))
            }
        }
        return clusters.filter(\.alive).map { cluster in
            let typicality = Dictionary(uniqueKeysWithValues: cluster.members.map { ($0, Self.dot(vectors[$0], cluster.sum)) })
            let members = cluster.members.sorted { typicality[$0]! != typicality[$1]! ? typicality[$0]! > typicality[$1]! : $0 < $1 }
            return Group(members: members, weight: cluster.weight)
        }.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.centre < $1.centre }
    }

    /// A group being built: its members, their weights and the weighted sum of their vectors.
    private struct Cluster {
        var members: [Int]
        var weight: Int
        var sum: [Float]
        var alive = true
        /// Bumped on every merge, so queued averages computed before it are ignored.
        var version = 0

        mutating func absorb(_ other: Cluster) {
            members += other.members
            weight += other.weight
            for index in sum.indices { sum[index] += other.sum[index] }
            version += 1
        }
    }

    /// Two groups and their average similarity when it was computed.
    private struct Candidate: Comparable {
        var similarity: Float
        var a: Int
        var b: Int
        var versions: (Int, Int)

        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            if lhs.similarity != rhs.similarity { return lhs.similarity < rhs.similarity }
            // Earlier positions first among equals.
            return (lhs.a, lhs.b) > (rhs.a, rhs.b)
        }

        static func == (lhs: Candidate, rhs: Candidate) -> Bool {
            lhs.similarity == rhs.similarity && lhs.a == rhs.a && lhs.b == rhs.b
        }
    }

    static func dot(_ x: [Float], _ y: [Float]) -> Float {
        var sum: Float = 0
        for index in 0..<min(x.count, y.count) { sum += x[index] * y[index] }
        return sum
    }
    /// How many of its most similar questions link a question to others. Groups merge only
    /// through linked pairs; without a bound, thousands of similarly worded questions link
    /// every pair and each merge recomputes thousands of averages.
    public static let maxNeighbours = 64

    /// For each vector, the others at or above the threshold: at most ``maxNeighbours``, the
    /// most similar (ties by position).
    func neighbourLists(_ vectors: [[Float]]) -> [[Int]] {
        let count = vectors.count
        let dimension = vectors[0].count
        var matrix = [Float](repeating: 0, count: count * dimension)
        for (row, vector) in vectors.enumerated() where vector.count == dimension {
            matrix.replaceSubrange(row * dimension..<(row + 1) * dimension, with: vector)
        }
        let threshold = Float(similarity)
        let blockRows = max(1, min(count, 4_194_304 / max(1, count)))  // ≤ 16 MB of similarities per block
        var lists = [[Int]](repeating: [], count: count)
        var block = [Float](repeating: 0, count: blockRows * count)
        matrix.withUnsafeBufferPointer { all in
            block.withUnsafeMutableBufferPointer { scores in
                var start = 0
                while start < count {
                    let rows = min(blockRows, count - start)
                    BLAS.gemm(
                        m: rows, n: count, k: dimension, a: all.baseAddress! + start * dimension, lda: dimension,
                        b: all.baseAddress!, ldb: dimension, transposeB: true, c: scores.baseAddress!, ldc: count)
                    for local in 0..<rows {
                        let row = start + local
                        var above: [(score: Float, column: Int)] = []
                        for column in 0..<count where column != row && scores[local * count + column] >= threshold {
                            above.append((scores[local * count + column], column))
                        }
                        if above.count > Self.maxNeighbours {
                            above.sort { $0.score != $1.score ? $0.score > $1.score : $0.column < $1.column }
                            above.removeSubrange(Self.maxNeighbours...)
                        }
                        lists[row] = above.map(\.column)
                    }
                    start += rows
                }
            }
        }
        return lists
    }
}
