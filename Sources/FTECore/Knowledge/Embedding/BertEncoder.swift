/// The BERT forward pass over a batch of sequences packed into one matrix, then mean pooling and
/// L2 normalisation (sentence-transformers' `Pooling` + `Normalize`).
///
/// Packing: the tokens of all sequences of a batch are the rows of one `[tokens × hidden]` matrix,
/// with no padding. The dense layers (Q|K|V, attention output, feed-forward) work token by token,
/// so each is one large `sgemm` over the whole batch; attention, the only step that mixes tokens,
/// runs per sequence and head on the matching rows of the packed Q|K|V matrix, with strides
/// instead of copies.
///
/// Threads: OpenBLAS uses all compute threads inside the large products; attention products are
/// small, so there OpenBLAS is set to one thread and sequences × heads are spread over the
/// threads instead, as are the element-wise steps.
///
/// - Important: not reentrant: one call at a time (the embedder runs it on one serial queue).
final class BertEncoder: @unchecked Sendable {
    // @unchecked Sendable: the scratch buffers are mutated only inside `encode`, which the owner
    // calls from one serial dispatch queue; the weights are read-only.

    let weights: BertWeights
    let loop: ParallelLoop
    private var scratch: Scratch?

    private struct Scratch {
        let tokens: Int
        let hidden: FloatBuffer        // [tokens, H]
        let qkv: FloatBuffer           // [tokens, 3H]
        let context: FloatBuffer       // [tokens, H]
        let intermediate: FloatBuffer  // [tokens, I]
        let scores: [FloatBuffer]      // per thread [L, L]
    }

    init(weights: BertWeights, threads: Int) {
        self.weights = weights
        self.loop = ParallelLoop(threads: threads)
    }

    /// Embeds a batch of token-id sequences; returns one unit vector per sequence.
    /// - Parameter sequences: token ids, each at most `maxPositions` long and non-empty.
    func encode(_ sequences: [[Int32]]) -> [[Float]] {
        let c = weights.configuration
        let h = c.hiddenSize, inner = c.intermediateSize, d = c.headSize
        var offsets: [Int] = []
        var total = 0
        for sequence in sequences {
            offsets.append(total)
            total += sequence.count
        }
        let longest = sequences.map(\.count).max() ?? 0
        let s = makeScratch(tokens: total, longest: longest)
        let hidden = s.hidden.pointer, qkv = s.qkv.pointer, context = s.context.pointer
        let intermediate = s.intermediate.pointer

        embed(sequences, offsets: offsets, into: hidden)
        let scale = 1 / Float(d).squareRoot()
        for layer in weights.layers {
            BLAS.setThreads(loop.threads)
            BLAS.gemm(m: total, n: 3 * h, k: h, a: hidden, lda: h,
                      b: layer.qkvWeight, ldb: h, transposeB: true, c: qkv, ldc: 3 * h)
            loop.forEachChunk(rows: total) { VectorMath.addBias(qkv, rows: $0, columns: 3 * h, bias: layer.qkvBias) }

            BLAS.setThreads(1)
            loop.forEach(sequences.count * c.heads) { worker, item in
                let (index, head) = item.quotientAndRemainder(dividingBy: c.heads)
                let length = sequences[index].count
                let scores = s.scores[worker].pointer
                let q = qkv + offsets[index] * 3 * h + head * d
                BLAS.gemm(m: length, n: length, k: d, alpha: scale, a: q, lda: 3 * h,
                          b: q + h, ldb: 3 * h, transposeB: true, c: scores, ldc: length)
                for row in 0..<length { VectorMath.softmax(scores + row * length, count: length) }
                BLAS.gemm(m: length, n: d, k: length, a: scores, lda: length,
                          b: q + 2 * h, ldb: 3 * h, transposeB: false,
                          c: context + offsets[index] * h + head * d, ldc: h)
            }

            BLAS.setThreads(loop.threads)
            BLAS.gemm(m: total, n: h, k: h, a: context, lda: h,
                      b: layer.outputWeight, ldb: h, transposeB: true, beta: 1, c: hidden, ldc: h)
            loop.forEachChunk(rows: total) {
                VectorMath.addBiasLayerNorm(hidden, rows: $0, columns: h, bias: layer.outputBias,
                                            gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta,
                                            epsilon: c.layerNormEpsilon)
            }
            BLAS.gemm(m: total, n: inner, k: h, a: hidden, lda: h,
                      b: layer.intermediateWeight, ldb: h, transposeB: true, c: intermediate, ldc: inner)
            loop.forEachChunk(rows: total, chunk: 16) {
                VectorMath.addBiasGELU(intermediate, rows: $0, columns: inner, bias: layer.intermediateBias)
            }
            BLAS.gemm(m: total, n: h, k: inner, a: intermediate, lda: inner,
                      b: layer.ffnOutputWeight, ldb: inner, transposeB: true, beta: 1, c: hidden, ldc: h)
            loop.forEachChunk(rows: total) {
                VectorMath.addBiasLayerNorm(hidden, rows: $0, columns: h, bias: layer.ffnOutputBias,
                                            gamma: layer.outputNormGamma, beta: layer.outputNormBeta,
                                            epsilon: c.layerNormEpsilon)
            }
        }
        return sequences.indices.map { pool(hidden + offsets[$0] * h, rows: sequences[$0].count, columns: h) }
    }

    /// Word + position + token-type (all type 0) embeddings, then LayerNorm.
    private func embed(_ sequences: [[Int32]], offsets: [Int], into hidden: UnsafeMutablePointer<Float>) {
        let w = weights, h = w.configuration.hiddenSize
        loop.forEach(sequences.count) { index in
            let sequence = sequences[index]
            let rows = offsets[index]..<offsets[index] + sequence.count
            for (position, id) in sequence.enumerated() {
                let out = hidden + (rows.lowerBound + position) * h
                let word = w.wordEmbeddings + Int(id) * h
                let place = w.positionEmbeddings + position * h
                for j in 0..<h { out[j] = word[j] + place[j] + w.tokenTypeEmbeddings[j] }
            }
            VectorMath.addBiasLayerNorm(hidden, rows: rows, columns: h, bias: nil,
                                        gamma: w.embeddingNormGamma, beta: w.embeddingNormBeta,
                                        epsilon: w.configuration.layerNormEpsilon)
        }
    }

    /// The mean of a sequence's rows, scaled to unit length.
    private func pool(_ rows: UnsafeMutablePointer<Float>, rows count: Int, columns: Int) -> [Float] {
        var mean = [Float](repeating: 0, count: columns)
        for r in 0..<count {
            let row = rows + r * columns
            for j in 0..<columns { mean[j] += row[j] }
        }
        var norm: Float = 0
        for j in 0..<columns {
            mean[j] /= Float(count)
            norm += mean[j] * mean[j]
        }
        let inverse = 1 / max(norm.squareRoot(), 1e-12)
        return mean.map { $0 * inverse }
    }

    /// Scratch memory for `tokens` rows; grows, never shrinks.
    private func makeScratch(tokens: Int, longest: Int) -> Scratch {
        if let scratch, scratch.tokens >= tokens, scratch.scores.first.map({ $0.count >= longest * longest }) ?? false {
            return scratch
        }
        let c = weights.configuration
        let rows = max(tokens, scratch?.tokens ?? 0)
        let side = max(longest, 1)
        let capacity = max(side * side, scratch?.scores.first?.count ?? 0)
        let made = Scratch(
            tokens: rows,
            hidden: FloatBuffer(count: rows * c.hiddenSize),
            qkv: FloatBuffer(count: rows * 3 * c.hiddenSize),
            context: FloatBuffer(count: rows * c.hiddenSize),
            intermediate: FloatBuffer(count: rows * c.intermediateSize),
            scores: (0..<loop.threads).map { _ in FloatBuffer(count: capacity) }
        )
        scratch = made
        return made
    }

    /// Floating-point operations of one forward pass over sequences of these lengths (multiply
    /// and add counted as two), for benchmark figures.
    static func flops(lengths: [Int], configuration c: BertConfiguration) -> Double {
        let h = Double(c.hiddenSize), inner = Double(c.intermediateSize)
        let perToken = 2 * (4 * h * h + 2 * h * inner)
        let tokens = Double(lengths.reduce(0, +))
        let squares = lengths.reduce(0.0) { $0 + Double($1) * Double($1) }
        return Double(c.layers) * (tokens * perToken + 4 * h * squares)
    }
}
