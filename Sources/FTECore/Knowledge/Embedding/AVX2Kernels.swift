import CVectorMath

/// The encoder's bias, LayerNorm, norm and scale loops in AVX2 assembly (`CVectorMath`,
/// `Blocks.S`; x86_64 Linux): no optimisation level changes assembly, so a debug build
/// (`swift test`) runs them at release speed where the Swift loops at `-Onone` cost several
/// times more (docs/embeddings.md, "Debug builds"). Each gives its Swift loop's numbers bit for
/// bit; release builds take them too. Elsewhere `VectorMath` runs its portable Swift loops.
enum AVX2Kernels {
    /// Whether this machine runs them (x86_64 Linux with AVX2).
    static let isAvailable = cvm_has_avx2()

    /// `x[r][c] += bias[c]` for `rows` rows of `columns`.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Int, columns: Int, bias: UnsafePointer<Float>) {
        cvm_add_bias_avx2(x, rows, columns, bias)
    }

    /// `x = LayerNorm(x + bias) · gamma + beta` for `rows` rows of `columns`.
    static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Int, columns: Int, bias: UnsafePointer<Float>?,
        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        cvm_layer_norm_avx2(x, rows, columns, bias, gamma, beta, epsilon)
    }

    /// The Euclidean length of `count` numbers.
    static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        cvm_norm_avx2(x, count)
    }

    /// `x[i] *= factor` for `count` numbers.
    static func scale(_ x: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        cvm_scale_avx2(x, count, factor)
    }
}
