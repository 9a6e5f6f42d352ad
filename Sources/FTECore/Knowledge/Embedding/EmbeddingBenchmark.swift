import Foundation

/// Figures for benchmark scripts (`fte kb embed --bench-file`), measured on this machine.
public enum EmbeddingBenchmark {
    /// GFLOP/s of OpenBLAS float32 products shaped like the encoder's largest,
    /// `[4096 × 384] · [384 × 1536]`, run the way the encoder runs them (blocks of 512 rows spread
    /// over `threads` threads): the practical ceiling of the local embedder on this machine.
    /// - Parameters:
    ///   - threads: compute threads, as ``LocalEmbedderConfiguration/threads``.
    ///   - seconds: roughly how long to measure.
    public static func matrixProductCeiling(threads: Int, seconds: Double = 1) -> Double {
        let m = 4096, n = 1536, k = 384, block = 512
        let a = FloatBuffer(count: m * k), b = FloatBuffer(count: n * k), c = FloatBuffer(count: m * n)
        for i in 0..<(m * k) { a.pointer[i] = Float(i % 17) * 0.01 }
        for i in 0..<(n * k) { b.pointer[i] = Float(i % 13) * 0.01 }
        BLAS.setThreads(1)
        let loop = ParallelLoop(threads: threads)
        func product() {
            loop.forEach(m / block) { i in
                BLAS.gemm(m: block, n: n, k: k, a: a.pointer + i * block * k, lda: k,
                          b: b.pointer, ldb: k, transposeB: true, c: c.pointer + i * block * n, ldc: n)
            }
        }
        product()  // warm-up
        let clock = ContinuousClock()
        let start = clock.now
        var runs = 0
        var elapsed = 0.0
        repeat {
            product()
            runs += 1
            let (s, atto) = (clock.now - start).components
            elapsed = Double(s) + Double(atto) / 1e18
        } while elapsed < seconds
        return Double(runs) * 2 * Double(m * n * k) / elapsed / 1e9
    }
}
