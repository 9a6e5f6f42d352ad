import CBLAS

/// The few OpenBLAS calls fte makes (the encoder's products, the escalation scorer's kernel);
/// no other file touches the C module.
enum BLAS {
    /// `C = alpha · A · op(B) + beta · C` on row-major float32 matrices (`cblas_sgemm`).
    ///
    /// `A` is `m × k` with row stride `lda`; `op(B)` is `k × n`: `B` itself (`k × n`, stride `ldb`)
    /// or, with `transposeB`, the transpose of an `n × k` matrix such as a PyTorch `Linear` weight.
    /// Strides larger than the row length let the product read and write column blocks in place
    /// (one attention head inside a packed Q|K|V matrix).
    @inline(__always)
    static func gemm(
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc)
        )
    }

    /// `matrix · vector` for a row-major `rows × columns` matrix (`cblas_sgemv`).
    /// - Precondition: `matrix` has `rows × columns` numbers and `vector` has `columns`.
    static func multiply(_ matrix: [Float], rows: Int, columns: Int, by vector: [Float]) -> [Float] {
        precondition(matrix.count == rows * columns && vector.count == columns)
        var result = [Float](repeating: 0, count: rows)
        guard rows > 0, columns > 0 else { return result }
        matrix.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_sgemv(
                        CblasRowMajor, CblasNoTrans, blasint(rows), blasint(columns), 1, a.baseAddress!, blasint(columns),
                        x.baseAddress!, 1, 0, y.baseAddress!, 1)
                }
            }
        }
        return result
    }

    /// Sets how many threads OpenBLAS uses for one product (process-wide).
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// How many threads OpenBLAS uses for one product.
    static var threads: Int { Int(openblas_get_num_threads()) }
}
