extension BertEncoder {
    /// Scaled dot-product attention of one sequence and one head, reading Q, K and V in place
    /// from the packed Q|K|V matrix and writing the head's columns of the context matrix.
    ///
    /// Softmax takes one pass: a score is at most `scale · |q_i| · max_j |k_j|` in magnitude, so
    /// when that bound is below 80 the exponentials cannot overflow or underflow without
    /// subtracting the row maximum first (softmax is shift-invariant); otherwise the row maximum
    /// is subtracted as usual. The division by each row's sum is applied to the `length × d`
    /// output instead of the `length × length` probabilities.
    ///
    /// - Parameters:
    ///   - q: the sequence's first query value of this head; keys follow at `+hidden`, values at
    ///     `+2·hidden`; rows are `3·hidden` apart.
    ///   - length: tokens in the sequence.
    ///   - headSize: the head's width `d`.
    ///   - hidden: the model width.
    ///   - scale: `1 / √d`.
    ///   - scratch: at least `length · (length + 1)` floats.
    ///   - output: the head's first context value; rows are `hidden` apart.
    static func attend(
        q: UnsafePointer<Float>, length: Int, headSize d: Int, hidden h: Int, scale: Float,
        scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let stride = 3 * h
        let k = q + h, v = q + 2 * h
        let scores = scratch, inverseSums = scratch + length * length

        var longestKey: Float = 0
        var j = 0
        while j < length {  // loops without ranges or the generic max: cheap unoptimised too
            let norm = VectorMath.norm(k + j &* stride, count: d)
            if norm > longestKey { longestKey = norm }
            j &+= 1
        }

        BLAS.gemm(m: length, n: length, k: d, alpha: scale, a: q, lda: stride,
                  b: k, ldb: stride, transposeB: true, c: scores, ldc: length)
        var i = 0
        while i < length {
            let row = scores + i &* length
            let bound = scale * VectorMath.norm(q + i &* stride, count: d) * longestKey
            let shift = bound <= 80 ? 0 : VectorMath.maximum(row, count: length)
            inverseSums[i] = 1 / VectorMath.expAndSum(row, count: length, shift: shift)
            i &+= 1
        }
        BLAS.gemm(m: length, n: d, k: length, a: scores, lda: length,
                  b: v, ldb: stride, transposeB: false, c: output, ldc: h)
        i = 0
        while i < length {
            VectorMath.scale(output + i &* h, count: d, by: inverseSums[i])
            i &+= 1
        }
    }
}
