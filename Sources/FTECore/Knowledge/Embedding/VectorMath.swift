/// Element-wise kernels of the encoder: bias, GELU, LayerNorm, softmax.
///
/// `exp` and `erf`, most of an unoptimised build's own time here, run in glibc's libmvec where
/// there is one (`Libmvec`); bias, LayerNorm, norm and scale in AVX2 assembly where the CPU has
/// it (`AVX2Kernels`), with the same numbers as their Swift loops here. Those `portable…` loops
/// run elsewhere: plain loops over pointers (`while`, `&+` indices, comparisons instead of the
/// generic `min` and `max`) that release builds vectorise and debug builds (-Onone) run at a few
/// times that cost — where `SIMD8<Float>` arithmetic would be a generic call per lane, about 40
/// times slower. That is what lets the package build its core without `-O` in debug
/// (docs/embeddings.md, "Debug builds"). Sums keep eight partial sums, which the optimiser may
/// vectorise without reordering any one of them.
enum VectorMath {
    // MARK: - Row kernels

    /// `x[r][c] += bias[c]` for every row, in assembly where there is AVX2 (`AVX2Kernels`),
    /// otherwise by `portableAddBias`.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int, bias: UnsafePointer<Float>) {
        if AVX2Kernels.isAvailable {
            AVX2Kernels.addBias(x + rows.lowerBound &* columns, rows: rows.count, columns: columns, bias: bias)
        } else {
            portableAddBias(x, rows: rows, columns: columns, bias: bias)
        }
    }

    /// `addBias` in Swift.
    static func portableAddBias(_ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int, bias: UnsafePointer<Float>) {
        for row in rows {
            let p = x + row &* columns
            var c = 0
            while c < columns {
                p[c] += bias[c]
                c &+= 1
            }
        }
    }

    /// `x = gelu(x + bias)` with the exact (erf) GELU: `0.5 · x · (1 + erf(x / √2))`, by libmvec
    /// where there is one (`Libmvec`), otherwise by `portableAddBiasGELU`.
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int, bias: UnsafePointer<Float>) {
        if Libmvec.isAvailable {
            Libmvec.addBiasGELU(x + rows.lowerBound &* columns, rows: rows.count, columns: columns, bias: bias)
        } else {
            portableAddBiasGELU(x, rows: rows, columns: columns, bias: bias)
        }
    }

    /// `addBiasGELU` in Swift, erf by the rational approximation Eigen and XLA use (absolute error
    /// below 1e-6), written into the loop (a call per element is what costs most unoptimised).
    static func portableAddBiasGELU(
        _ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int, bias: UnsafePointer<Float>
    ) {
        for row in rows {
            let p = x + row &* columns
            var c = 0
            while c < columns {
                let v = p[c] + bias[c]
                let z = v * 0.707_106_781_186_547_5
                let t = z < -4 ? -4 : (z > 4 ? 4 : z)
                let t2 = t * t
                var n = t2 * -2.726_142_258_013_06e-10 + 2.770_681_424_959_02e-08
                n = t2 * n + -2.101_024_020_825_08e-06
                n = t2 * n + -5.692_506_394_623_46e-05
                n = t2 * n + -7.349_906_303_268_55e-04
                n = t2 * n + -2.954_599_808_540_25e-03
                n = t2 * n + -1.609_603_332_624_15e-02
                var d = t2 * -1.456_607_184_649_96e-05 + -2.133_740_552_789_05e-04
                d = t2 * d + -1.682_826_974_382_03e-03
                d = t2 * d + -7.373_329_167_204_68e-03
                d = t2 * d + -1.426_473_905_141_89e-02
                p[c] = v * 0.5 * (1 + t * n / d)
                c &+= 1
            }
        }
    }

    /// `x = LayerNorm(x + bias) · gamma + beta` per row (biased variance, as PyTorch), in
    /// assembly where there is AVX2 (`AVX2Kernels`), otherwise by `portableAddBiasLayerNorm`.
    static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int,
        bias: UnsafePointer<Float>?, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        if AVX2Kernels.isAvailable {
            AVX2Kernels.addBiasLayerNorm(x + rows.lowerBound &* columns, rows: rows.count, columns: columns,
                                         bias: bias, gamma: gamma, beta: beta, epsilon: epsilon)
        } else {
            portableAddBiasLayerNorm(x, rows: rows, columns: columns, bias: bias, gamma: gamma, beta: beta, epsilon: epsilon)
        }
    }

    /// `addBiasLayerNorm` in Swift.
    static func portableAddBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Range<Int>, columns: Int,
        bias: UnsafePointer<Float>?, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        let count = Float(columns)
        for row in rows {
            let p = x + row &* columns
            if let bias { portableAddBias(p, rows: 0..<1, columns: columns, bias: bias) }
            let mean = sum(p, count: columns) / count
            var squares = PartialSums()
            var c = 0
            while c &+ 8 <= columns {
                squares.addSquares(p + c, minus: mean)
                c &+= 8
            }
            while c < columns { squares.s0 += (p[c] - mean) * (p[c] - mean); c &+= 1 }
            let inverse = 1 / (squares.total / count + epsilon).squareRoot()
            c = 0
            while c < columns {
                p[c] = (p[c] - mean) * inverse * gamma[c] + beta[c]
                c &+= 1
            }
        }
    }

    /// In-place softmax of one row of `count` scores.
    static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let total = expAndSum(x, count: count, shift: maximum(x, count: count))
        scale(x, count: count, by: 1 / total)
    }

    /// The largest of `count` numbers (on the rare path where scores could overflow `exp`).
    static func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var highest = -Float.greatestFiniteMagnitude
        var c = 0
        while c < count {
            if x[c] > highest { highest = x[c] }
            c &+= 1
        }
        return highest
    }

    /// Replaces each `x[i]` by `e^(x[i] − shift)` and returns their sum: the unnormalised
    /// softmax. Any `shift` with every `x[i] − shift` in about [−80, 80] gives the same softmax
    /// after normalisation, without underflow or overflow. By libmvec where there is one
    /// (`Libmvec`), otherwise by `portableExpAndSum`.
    static func expAndSum(_ x: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        Libmvec.isAvailable
            ? Libmvec.expAndSum(x, count: count, shift: shift)
            : portableExpAndSum(x, count: count, shift: shift)
    }

    /// `expAndSum` in Swift: e^y is Cephes' `expf` (range reduction by ln 2, a degree-5
    /// polynomial, relative error ~2 ulp for y ≤ 88), written into the loop.
    static func portableExpAndSum(_ x: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        let magic: Float = 12_582_912.0  // 1.5 · 2^23: adding it rounds to an integer
        var c = 0
        while c < count {
            let y0 = x[c] - shift
            let y = y0 < -87 ? -87 : (y0 > 88 ? 88 : y0)
            let shifted = y * 1.442_695_04 + magic
            let k = shifted - magic
            let r = y - k * 0.693_359_375 - k * -2.121_944_4e-4
            var p: Float = 1.987_569_150_0e-4
            p = p * r + 1.398_199_950_7e-3
            p = p * r + 8.333_451_907_3e-3
            p = p * r + 4.166_579_589_4e-2
            p = p * r + 1.666_666_545_9e-1
            p = p * r + 5.000_000_120_1e-1
            let exponent = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
            x[c] = (p * (r * r) + r + 1) * Float(bitPattern: UInt32(bitPattern: (exponent &+ 127) &<< 23))
            c &+= 1
        }
        return sum(x, count: count)
    }

    /// `x[i] *= factor` for `count` numbers, in assembly where there is AVX2 (`AVX2Kernels`).
    static func scale(_ x: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        if AVX2Kernels.isAvailable {
            AVX2Kernels.scale(x, count: count, by: factor)
        } else {
            portableScale(x, count: count, by: factor)
        }
    }

    /// `scale` in Swift.
    static func portableScale(_ x: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        var c = 0
        while c < count {
            x[c] *= factor
            c &+= 1
        }
    }

    /// The Euclidean length of `count` numbers, in assembly where there is AVX2 (`AVX2Kernels`).
    static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        AVX2Kernels.isAvailable ? AVX2Kernels.norm(x, count: count) : portableNorm(x, count: count)
    }

    /// `norm` in Swift.
    static func portableNorm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var sums = PartialSums()
        var c = 0
        while c &+ 8 <= count {
            sums.addSquares(x + c, minus: 0)
            c &+= 8
        }
        while c < count { sums.s0 += x[c] * x[c]; c &+= 1 }
        return sums.total.squareRoot()
    }

    /// The sum of `count` numbers.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var sums = PartialSums()
        var c = 0
        while c &+ 8 <= count {
            sums.add(x + c)
            c &+= 8
        }
        while c < count { sums.s0 += x[c]; c &+= 1 }
        return sums.total
    }
}

/// Eight running sums, one per position of eight consecutive numbers: independent additions
/// the optimiser packs into vector instructions (it may not reorder the additions of one sum).
struct PartialSums {
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0

    /// Adds `x[0]` … `x[7]` to the eight sums.
    @inline(__always)
    mutating func add(_ x: UnsafePointer<Float>) {
        s0 += x[0]; s1 += x[1]; s2 += x[2]; s3 += x[3]
        s4 += x[4]; s5 += x[5]; s6 += x[6]; s7 += x[7]
    }

    /// Adds `(x[i] − offset)²` for `i` in 0…7 to the eight sums.
    @inline(__always)
    mutating func addSquares(_ x: UnsafePointer<Float>, minus offset: Float) {
        let d0 = x[0] - offset, d1 = x[1] - offset, d2 = x[2] - offset, d3 = x[3] - offset
        let d4 = x[4] - offset, d5 = x[5] - offset, d6 = x[6] - offset, d7 = x[7] - offset
        s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3
        s4 += d4 * d4; s5 += d5 * d5; s6 += d6 * d6; s7 += d7 * d7
    }

    var total: Float { ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) }
}
