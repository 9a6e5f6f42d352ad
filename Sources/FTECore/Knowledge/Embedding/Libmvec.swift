import CVectorMath

/// The encoder's `exp` and `erf` loops run by glibc's libmvec (the `CVectorMath` target, x86_64
/// Linux): vector code that is optimised whatever fte's build, so a debug build (`swift test`)
/// embeds at nearly release speed where the same loops in Swift at `-Onone` cost a polynomial
/// per number (docs/embeddings.md, "Debug builds"). Release builds use it too, so both give the
/// same vectors. Where it is missing, `VectorMath` runs its portable Swift loops.
enum Libmvec {
    /// Whether this build has the kernels (x86_64 Linux).
    static let isAvailable = cvm_available()

    /// Replaces each `x[i]` by `e^(x[i] − shift)` and returns their sum.
    static func expAndSum(_ x: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        cvm_exp_sum(x, count, shift)
    }

    /// `x = gelu(x + bias)` (the exact, erf GELU) for `rows` rows of `columns`.
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Int, columns: Int, bias: UnsafePointer<Float>) {
        cvm_add_bias_gelu(x, rows, columns, bias)
    }
}
