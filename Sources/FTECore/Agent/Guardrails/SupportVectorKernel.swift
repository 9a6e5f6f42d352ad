import Foundation

/// The escalation scorer's support vectors and their RBF kernel: the features are standardised
/// (`(x − mean) / scale`), a message's similarity to each stored vector is
/// `exp(−gamma · ‖z − v‖²)`, and each machine's decision value is its coefficients' weighted sum
/// of those similarities. The vectors are stored as signed bytes, one per feature, times the
/// feature's `quantum`, and expanded once; the distances (`‖z‖² + ‖v‖² − 2 z·v`) and the weighted
/// sums are matrix–vector products, which OpenBLAS computes at full speed in any build.
struct SupportVectorKernel: Sendable {
    let gamma: Double
    let mean: [Double]
    let scale: [Double]
    /// Row-major `count × width`.
    private let vectors: [Float]
    private let squaredNorms: [Double]
    /// Row-major `machines × count`: each machine's dual coefficient per vector.
    private let coefficients: [Float]
    let count: Int
    var width: Int { mean.count }

    /// - Precondition: `codes` holds `count × mean.count` bytes; `scale` and `quantum` have
    ///   `mean.count` numbers; each of `coefficients` has `count`.
    init(gamma: Double, mean: [Double], scale: [Double], quantum: [Double], codes: Data, coefficients: [[Double]]) {
        let width = mean.count
        precondition(scale.count == width && quantum.count == width && codes.count % width == 0)
        precondition(coefficients.allSatisfy { $0.count * width == codes.count })
        self.coefficients = coefficients.flatMap { $0.map(Float.init) }
        self.gamma = gamma
        self.mean = mean
        self.scale = scale
        let rows = codes.count / width
        count = rows
        let quanta = quantum.map(Float.init)
        var vectors = [Float](repeating: 0, count: codes.count)
        codes.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: Int8.self)
            vectors.withUnsafeMutableBufferPointer { out in
                for row in 0..<rows {
                    let base = row * width
                    for column in 0..<width { out[base + column] = Float(bytes[base + column]) * quanta[column] }
                }
            }
        }
        self.vectors = vectors
        squaredNorms = (0..<rows).map { row in
            vectors[row * width..<(row + 1) * width].reduce(0.0) { $0 + Double($1) * Double($1) }
        }
    }

    /// Each machine's decision value (without its bias) for `features` (raw, `width` numbers).
    func decisions(_ features: [Double]) -> [Double] {
        precondition(features.count == width, "\(features.count) features, expected \(width)")
        let z = (0..<width).map { Float((features[$0] - mean[$0]) / scale[$0]) }
        let norm = z.reduce(0.0) { $0 + Double($1) * Double($1) }
        var similarities = BLAS.multiply(vectors, rows: count, columns: width, by: z)
        for i in 0..<count {
            similarities[i] = Float(exp(-gamma * max(0, squaredNorms[i] + norm - 2 * Double(similarities[i]))))
        }
        let sums = BLAS.multiply(coefficients, rows: coefficients.count / max(count, 1), columns: count, by: similarities)
        return sums.map(Double.init)
    }
}
