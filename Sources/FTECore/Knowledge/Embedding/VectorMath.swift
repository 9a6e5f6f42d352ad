/// Vectorised element-wise kernels of the encoder: bias, GELU, LayerNorm, softmax.
///
/// Written on `SIMD8<Float>` with plain multiplies and adds (no `addingProduct`, no rounding
/// intrinsics), so they compile to packed instructions on the baseline x86-64 target as well.
enum VectorMath {
    typealias Vector = SIMD8<Float>
    static let width = Vector.scalarCount

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ value: Vector, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Vector.self)
    }

    /// Lane-wise maximum; written out because the generic `pointwiseMax` is not always inlined.
    @inline(__always)
    static func maximum(_ a: Vector, _ b: Vector) -> Vector { a.replacing(with: b, where: a .< b) }

    /// Lane-wise minimum.
    @inline(__always)
    static func minimum(_ a: Vector, _ b: Vector) -> Vector { a.replacing(with: b, where: b .< a) }

    // MARK: - exp and erf

    /// e^x for x ≤ 88, relative error ~2 ulp (Cephes `expf` polynomial, range reduction by ln 2).
    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        let x = minimum(maximum(x, Vector(repeating: -87)), Vector(repeating: 88))
        let magic = Vector(repeating: 12_582_912.0)  // 1.5 · 2^23: adding it rounds to an integer
        let shifted = x * 1.442_695_04 + magic
        let k = shifted - magic
        let r = x - k * 0.693_359_375 - k * -2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        let n = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((n &+ 127) &<< 23, to: Vector.self)
        return y * scale
    }

    /// erf(x), absolute error below 1e-6 (the rational approximation used by Eigen and XLA).
    @inline(__always)
    static func erf(_ x: Vector) -> Vector {
        let x = minimum(maximum(x, Vector(repeating: -4)), Vector(repeating: 4))
        let x2 = x * x
        var p = x2 * -2.726_142_258_013_06e-10 + 2.770_681_424_959_02e-08
        p = x2 * p + -2.101_024_020_825_08e-06
        p = x2 * p + -5.692_506_394_623_46e-05
        p = x2 * p + -7.349_906_303_268_55e-04
        p = x2 * p + -2.954_599_808_540_25e-03
        p = x2 * p + -1.609_603_332_624_15e-02
        p = x * p
        var q = x2 * -1.456_607_184_649_96e-05 + -2.133_740_552_789_05e-04
        q = x2 * q + -1.682_826_974_382_03e-03
        q = x2 * q + -7.373_329_167_204_68e-03
        q = x2 * q + -1.426_473_905_141_89e-02
        return p / q
    }

    // MARK: - Row kernels

    /// `x[r][c] += bias[c]` for every row.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int, bias: UnsafePointer<Float>) {
        for row in rows {
            let p = x + row * columns
            var c = 0
            while c + width <= columns {
                store(load(p + c) + load(bias + c), p + c)
                c += width
            }
            while c < columns { p[c] += bias[c]; c += 1 }
        }
    }

    /// `x = gelu(x + bias)` with the exact (erf) GELU: `0.5 · x · (1 + erf(x / √2))`.
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int, bias: UnsafePointer<Float>) {
        for row in rows {
            let p = x + row * columns
            var c = 0
            while c + width <= columns {
                let v = load(p + c) + load(bias + c)
                store(v * 0.5 * (1 + erf(v * 0.707_106_781_186_547_5)), p + c)
                c += width
            }
            while c < columns {
                let v = p[c] + bias[c]
                p[c] = v * 0.5 * (1 + Self.erf(Vector(repeating: v * 0.707_106_781_186_547_5))[0])
                c += 1
            }
        }
    }

    /// `x = LayerNorm(x + bias) · gamma + beta` per row (biased variance, as PyTorch).
    static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int,
        bias: UnsafePointer<Float>?, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        precondition(columns % width == 0, "LayerNorm width must be a multiple of \(width)")
        let count = Float(columns)
        for row in rows {
            let p = x + row * columns
            var sum = Vector()
            var c = 0
            if let bias {
                while c < columns {
                    let v = load(p + c) + load(bias + c)
                    store(v, p + c)
                    sum += v
                    c += width
                }
            } else {
                while c < columns { sum += load(p + c); c += width }
            }
            let mean = sum.sum() / count
            var squares = Vector()
            c = 0
            while c < columns {
                let d = load(p + c) - mean
                squares += d * d
                c += width
            }
            let inverse = 1 / (squares.sum() / count + epsilon).squareRoot()
            c = 0
            while c < columns {
                store((load(p + c) - mean) * inverse * load(gamma + c) + load(beta + c), p + c)
                c += width
            }
        }
    }

    /// In-place softmax of one row of `count` scores.
    static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let total = expAndSum(x, count: count, shift: maximum(x, count: count))
        scale(x, count: count, by: 1 / total)
    }

    /// The largest of `count` numbers.
    static func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        let body = count - count % width
        var maxima = Vector(repeating: -.greatestFiniteMagnitude)
        var c = 0
        while c < body { maxima = maximum(maxima, load(x + c)); c += width }
        var highest = maxima.max()
        for i in body..<count { highest = Swift.max(highest, x[i]) }
        return highest
    }

    /// Replaces each `x[i]` by `e^(x[i] − shift)` and returns their sum: the unnormalised
    /// softmax. Any `shift` with every `x[i] − shift` in about [−80, 80] gives the same softmax
    /// after normalisation, without underflow or overflow.
    static func expAndSum(_ x: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        let body = count - count % width
        var sums = Vector()
        var c = 0
        while c < body {
            let e = exp(load(x + c) - shift)
            store(e, x + c)
            sums += e
            c += width
        }
        var total = sums.sum()
        if body < count {
            var tail = Vector(repeating: -100)
            for i in body..<count { tail[i - body] = x[i] - shift }
            let tailExp = exp(tail)
            for i in body..<count {
                x[i] = tailExp[i - body]
                total += x[i]
            }
        }
        return total
    }

    /// `x[i] *= factor` for `count` numbers.
    static func scale(_ x: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        let body = count - count % width
        var c = 0
        while c < body { store(load(x + c) * factor, x + c); c += width }
        for i in body..<count { x[i] *= factor }
    }

    /// The Euclidean length of `count` numbers.
    static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        let body = count - count % width
        var squares = Vector()
        var c = 0
        while c < body {
            let v = load(x + c)
            squares += v * v
            c += width
        }
        var total = squares.sum()
        for i in body..<count { total += x[i] * x[i] }
        return total.squareRoot()
    }
}
