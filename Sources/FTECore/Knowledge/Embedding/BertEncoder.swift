/// The BERT forward pass over a batch of sequences packed into one matrix, then mean pooling and
/// L2 normalisation (sentence-transformers' `Pooling` + `Normalize`).
///
/// Packing: the tokens of all sequences of a batch are the rows of one `[tokens × hidden]` matrix,
/// with no padding. Everything but attention works token by token, so it runs on blocks of rows:
/// per block, the attention output projection, LayerNorm, the feed-forward pair with GELU,
/// LayerNorm, and the next layer's fused Q|K|V projection, as `sgemm`s on the block's rows with
/// the element-wise steps in between while the rows are still in cache. Attention, the only step
/// that mixes tokens, runs per sequence and head on the matching rows of the packed Q|K|V matrix
/// (strides, no copies).
///
/// Threads: OpenBLAS runs single-threaded (its idle workers would spin against ours); the row
/// blocks and the (sequence, head) pairs are spread over ``ParallelLoop``'s threads instead, so
/// each layer has two parallel steps. A batch too small for a block per thread (one search
/// query) splits each product by output columns instead: four parallel products per layer.
///
/// - Important: not reentrant: one call at a time (the embedder runs it on one serial queue).
final class BertEncoder: @unchecked Sendable {
    // @unchecked Sendable: the scratch buffers are mutated only inside `encode`, which the owner
    // calls from one serial dispatch queue; the weights are read-only.

    let weights: BertWeights
    let loop: ParallelLoop
    /// Rows per block of the token-wise steps.
    let blockRows: Int
    private var scratch: Scratch?

    private struct Scratch {
        let tokens: Int
        let hidden: FloatBuffer        // [tokens, H]
        let qkv: FloatBuffer           // [tokens, 3H]
        let context: FloatBuffer       // [tokens, H]
        let intermediate: FloatBuffer  // [tokens, I]
        let attention: [FloatBuffer]   // per thread [L, L + 1]: attention scores, row sums
    }

    init(weights: BertWeights, threads: Int, blockRows: Int = 512) {
        self.weights = weights
        self.loop = ParallelLoop(threads: threads)
        self.blockRows = max(16, blockRows)
        BLAS.setThreads(1)
    }

    /// Embeds a batch of token-id sequences; returns one unit vector per sequence.
    /// - Parameter sequences: token ids, each non-empty and at most `maxPositions` long.
    func encode(_ sequences: [[Int32]]) -> [[Float]] {
        let c = weights.configuration
        let h = c.hiddenSize, d = c.headSize
        var offsets: [Int] = []
        var total = 0
        for sequence in sequences {
            offsets.append(total)
            total += sequence.count
        }
        let s = makeScratch(tokens: total, longest: sequences.map(\.count).max() ?? 0)
        let blocks = rowBlocks(total)
        // Too few rows to give every thread a block (a search query): split each product by
        // output columns instead, so every thread reads its share of the weights.
        let splitColumns = blocks.count < loop.threads
        let qkv = s.qkv.pointer, context = s.context.pointer
        let scale = 1 / Float(d).squareRoot()

        embed(sequences, offsets: offsets, into: s.hidden.pointer)
        loop.forEach(blocks.count) { block in
            projectQKV(weights.layers[0], rows: blocks[block], scratch: s, splitColumns: splitColumns)
        }
        for (index, layer) in weights.layers.enumerated() {
            loop.forEach(sequences.count * c.heads) { worker, item in
                let (sequence, head) = item.quotientAndRemainder(dividingBy: c.heads)
                Self.attend(q: qkv + offsets[sequence] * 3 * h + head * d, length: sequences[sequence].count,
                            headSize: d, hidden: h, scale: scale, scratch: s.attention[worker].pointer,
                            output: context + offsets[sequence] * h + head * d)
            }
            let next = index + 1 < weights.layers.count ? weights.layers[index + 1] : nil
            loop.forEach(blocks.count) { block in
                feedForward(layer, rows: blocks[block], scratch: s, splitColumns: splitColumns)
                if let next { projectQKV(next, rows: blocks[block], scratch: s, splitColumns: splitColumns) }
            }
        }
        var vectors = [[Float]](repeating: [], count: sequences.count)
        vectors.withUnsafeMutableBufferPointer { out in
            loop.forEach(sequences.count) { i in
                out[i] = pool(s.hidden.pointer + offsets[i] * h, rows: sequences[i].count, columns: h)
            }
        }
        return vectors
    }

    // MARK: - Steps

    /// `C = A · Bᵀ + beta · C` for a block of rows (`B` an `n × k` weight): on this thread, or
    /// with `splitColumns`, as column slices spread over the loop's threads.
    private func product(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, splitColumns: Bool
    ) {
        guard splitColumns else {
            BLAS.gemm(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: k, transposeB: true, beta: beta, c: c, ldc: ldc)
            return
        }
        let perThread = ((n + loop.threads - 1) / loop.threads + 15) / 16 * 16
        let unpacked = Self.unpackedSliceWidth(rows: m, depth: k)
        let width = unpacked >= 16 ? min(perThread, unpacked) : perThread
        loop.forEach((n + width - 1) / width) { slice in
            let first = slice * width
            BLAS.gemm(m: m, n: min(width, n - first), k: k, a: a, lda: lda, b: b + first * k, ldb: k,
                      transposeB: true, beta: beta, c: c + first, ldc: ldc)
        }
    }

    /// The widest column slice (a multiple of 16) that OpenBLAS computes with its small-matrix
    /// kernel on AVX-512 machines, which reads the weights in place instead of packing a copy
    /// first (for a query's few rows the copy took as long as the arithmetic). Its rule for this
    /// product (`sgemm_small_kernel_permit_skylakex.c`): slice × rows ≤ 1200 and
    /// slice × rows × depth ≤ 10⁶. Below 16 the slices would be too thin to pay.
    static func unpackedSliceWidth(rows: Int, depth: Int) -> Int {
        guard rows > 0, depth > 0 else { return 0 }
        return min(1200 / rows, 1_000_000 / (rows * depth)) / 16 * 16
    }

    /// Q|K|V of a block of rows: `qkv = hidden · Wqkvᵀ + b`.
    private func projectQKV(_ layer: BertWeights.Layer, rows: Range<Int>, scratch s: Scratch, splitColumns: Bool) {
        let h = weights.configuration.hiddenSize
        let qkv = s.qkv.pointer + rows.lowerBound * 3 * h
        product(m: rows.count, n: 3 * h, k: h, a: s.hidden.pointer + rows.lowerBound * h, lda: h,
                b: layer.qkvWeight, c: qkv, ldc: 3 * h, splitColumns: splitColumns)
        VectorMath.addBias(qkv, rows: 0..<rows.count, columns: 3 * h, bias: layer.qkvBias)
    }

    /// The rest of a layer for a block of rows, after attention wrote `context`:
    /// `x = LN(context · Woᵀ + bo + hidden)`, then `hidden = LN(gelu(x · W1ᵀ + b1) · W2ᵀ + b2 + x)`.
    private func feedForward(_ layer: BertWeights.Layer, rows: Range<Int>, scratch s: Scratch, splitColumns: Bool) {
        let c = weights.configuration
        let h = c.hiddenSize, inner = c.intermediateSize, n = rows.count
        let hidden = s.hidden.pointer + rows.lowerBound * h
        let intermediate = s.intermediate.pointer + rows.lowerBound * inner
        product(m: n, n: h, k: h, a: s.context.pointer + rows.lowerBound * h, lda: h,
                b: layer.outputWeight, beta: 1, c: hidden, ldc: h, splitColumns: splitColumns)
        VectorMath.addBiasLayerNorm(hidden, rows: 0..<n, columns: h, bias: layer.outputBias,
                                    gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta,
                                    epsilon: c.layerNormEpsilon)
        product(m: n, n: inner, k: h, a: hidden, lda: h,
                b: layer.intermediateWeight, c: intermediate, ldc: inner, splitColumns: splitColumns)
        VectorMath.addBiasGELU(intermediate, rows: 0..<n, columns: inner, bias: layer.intermediateBias)
        product(m: n, n: h, k: inner, a: intermediate, lda: inner,
                b: layer.ffnOutputWeight, beta: 1, c: hidden, ldc: h, splitColumns: splitColumns)
        VectorMath.addBiasLayerNorm(hidden, rows: 0..<n, columns: h, bias: layer.ffnOutputBias,
                                    gamma: layer.outputNormGamma, beta: layer.outputNormBeta,
                                    epsilon: c.layerNormEpsilon)
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
                var j = 0
                while j < h {
                    out[j] = word[j] + place[j] + w.tokenTypeEmbeddings[j]
                    j &+= 1
                }
            }
            VectorMath.addBiasLayerNorm(hidden, rows: rows, columns: h, bias: nil,
                                        gamma: w.embeddingNormGamma, beta: w.embeddingNormBeta,
                                        epsilon: w.configuration.layerNormEpsilon)
        }
    }

    /// The mean of a sequence's rows, scaled to unit length.
    private func pool(_ rows: UnsafeMutablePointer<Float>, rows count: Int, columns: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: columns) { mean, initialized in
            let sum = mean.baseAddress!
            sum.initialize(repeating: 0, count: columns)
            for r in 0..<count {
                let row = rows + r &* columns
                var j = 0
                while j < columns {
                    sum[j] += row[j]
                    j &+= 1
                }
            }
            VectorMath.scale(sum, count: columns, by: 1 / Float(count))
            let length = VectorMath.norm(sum, count: columns)
            VectorMath.scale(sum, count: columns, by: 1 / (length > 1e-12 ? length : 1e-12))
            initialized = columns
        }
    }

    // MARK: - Memory and work

    /// Splits `0..<total` into blocks of at most ``blockRows`` rows, at least two per thread
    /// when there are enough rows, so that a thread slowed by other work is caught up.
    private func rowBlocks(_ total: Int) -> [Range<Int>] {
        let wanted = max(1, min(loop.threads * 2, (total + 127) / 128))
        let size = min(blockRows, (total + wanted - 1) / wanted)
        return stride(from: 0, to: total, by: max(size, 1)).map { $0..<min(total, $0 + size) }
    }

    /// Scratch memory for `tokens` rows; grows, never shrinks.
    private func makeScratch(tokens: Int, longest: Int) -> Scratch {
        let attentionFloats = longest * (longest + 1)
        if let scratch, scratch.tokens >= tokens, scratch.attention.first.map({ $0.count >= attentionFloats }) ?? false {
            return scratch
        }
        let c = weights.configuration
        let rows = max(tokens, scratch?.tokens ?? 0)
        let capacity = max(attentionFloats, scratch?.attention.first?.count ?? 0)
        let made = Scratch(
            tokens: rows,
            hidden: FloatBuffer(count: rows * c.hiddenSize),
            qkv: FloatBuffer(count: rows * 3 * c.hiddenSize),
            context: FloatBuffer(count: rows * c.hiddenSize),
            intermediate: FloatBuffer(count: rows * c.intermediateSize),
            attention: (0..<loop.threads).map { _ in FloatBuffer(count: capacity) }
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
