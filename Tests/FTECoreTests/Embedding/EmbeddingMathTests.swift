import Foundation
import Testing
@testable import FTECore

@Suite struct EmbeddingMathTests {
    typealias ExpAndSum = @Sendable (UnsafeMutablePointer<Float>, Int, Float) -> Float
    typealias AddBiasGELU = @Sendable (UnsafeMutablePointer<Float>, Range<Int>, Int, UnsafePointer<Float>) -> Void

    /// The kernel the encoder runs (libmvec where there is one) and the portable Swift loop.
    static let expKernels: [(String, ExpAndSum)] = [
        ("expAndSum", { VectorMath.expAndSum($0, count: $1, shift: $2) }),
        ("portableExpAndSum", { VectorMath.portableExpAndSum($0, count: $1, shift: $2) }),
    ]
    static let geluKernels: [(String, AddBiasGELU)] = [
        ("addBiasGELU", { VectorMath.addBiasGELU($0, rows: $1, columns: $2, bias: $3) }),
        ("portableAddBiasGELU", { VectorMath.portableAddBiasGELU($0, rows: $1, columns: $2, bias: $3) }),
    ]

    /// On x86_64 Linux (glibc ships libmvec there) the kernels must find it at run time: a failed
    /// look-up would fall back to the Swift loops silently and slow every debug build by half.
    @Test func libmvecIsFoundWhereGlibcHasIt() {
        #if arch(x86_64) && os(Linux)
        #expect(Libmvec.isAvailable)
        #else
        #expect(!Libmvec.isAvailable)
        #endif
    }

    /// On x86_64 Linux the bias, LayerNorm, norm and scale loops run in assembly wherever the CPU
    /// has AVX2; elsewhere the Swift loops run.
    @Test func avx2KernelsRunWhereTheCPUHasAVX2() throws {
        #if arch(x86_64) && os(Linux)
        let flags = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        #expect(AVX2Kernels.isAvailable == flags.contains(" avx2"))
        #else
        #expect(!AVX2Kernels.isAvailable)
        #endif
    }

    /// The assembly gives the Swift loops' numbers bit for bit (the same order of additions), on
    /// the given rows only, whatever the row width.
    @Test func avx2KernelsMatchTheSwiftLoopsExactly() throws {
        try #require(AVX2Kernels.isAvailable)
        for columns in [1, 3, 7, 8, 9, 13, 32, 384, 1_536] {
            let input = (0..<(4 * columns)).map { Float(($0 * 7) % 23) * 0.37 - 3.1 }
            let bias = (0..<columns).map { Float($0 % 5) * 0.21 - 0.4 }
            let gamma = (0..<columns).map { 1 + Float($0 % 3) * 0.1 }
            let beta = (0..<columns).map { Float($0 % 4) * 0.05 }
            func run(_ kernel: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
                var values = input
                values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!) }
                return values
            }
            #expect(run { VectorMath.addBias($0, rows: 1..<3, columns: columns, bias: bias) }
                == run { VectorMath.portableAddBias($0, rows: 1..<3, columns: columns, bias: bias) }, "\(columns)")
            for rowBias in [bias, nil] {
                #expect(run {
                    VectorMath.addBiasLayerNorm($0, rows: 1..<3, columns: columns, bias: rowBias,
                                                gamma: gamma, beta: beta, epsilon: 1e-12)
                } == run {
                    VectorMath.portableAddBiasLayerNorm($0, rows: 1..<3, columns: columns, bias: rowBias,
                                                        gamma: gamma, beta: beta, epsilon: 1e-12)
                }, "\(columns) columns, bias \(rowBias != nil)")
            }
            #expect(run { VectorMath.scale($0 + 1, count: columns, by: 0.37) }
                == run { VectorMath.portableScale($0 + 1, count: columns, by: 0.37) }, "\(columns)")
            input.withUnsafeBufferPointer { x in
                let norm = VectorMath.norm(x.baseAddress! + 1, count: columns)
                #expect(norm.bitPattern == VectorMath.portableNorm(x.baseAddress! + 1, count: columns).bitPattern, "\(columns)")
            }
        }
    }

    @Test func expMatchesLibm() {
        var xs: [Float] = []
        var x: Float = -87
        while x < 88 { xs.append(x); x += 0.0137 }
        for (name, kernel) in Self.expKernels {
            var values = xs
            _ = values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, xs.count, 0) }
            var worst: Float = 0
            for (value, x) in zip(values, xs) { worst = max(worst, abs(value - Foundation.exp(x)) / Foundation.exp(x)) }
            #expect(worst < 5e-7, "\(name)")
        }
    }

    /// The returned sum is the sum of the results (on a range whose sum a Float holds), whatever
    /// the tail after whole vectors.
    @Test func expAndSumReturnsTheSum() {
        for (name, kernel) in Self.expKernels {
            for count in [1, 3, 4, 5, 7, 8, 9, 100, 1_001] {
                var values = (0..<count).map { Float($0 % 61) - 30 }
                let total = values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, count, 2) }
                let expected = values.map(Double.init).reduce(0, +)
                #expect(abs(Double(total) - expected) / expected < 1e-6, "\(name), \(count) numbers")
                let exact = (0..<count).map { Foundation.exp(Double($0 % 61) - 32) }
                for (got, want) in zip(values, exact) { #expect(abs(Double(got) - want) / want < 5e-7, "\(name)") }
            }
        }
    }

    @Test func geluMatchesTheErfDefinition() {
        var xs: [Float] = []
        var x: Float = -9
        while x < 9 { xs.append(x); x += 0.001 }
        let zero = [Float](repeating: 0, count: xs.count)
        let inverseRootTwo = 1 / Float(2).squareRoot()
        for (name, kernel) in Self.geluKernels {
            var values = xs
            values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, 0..<1, xs.count, zero) }
            var worst: Float = 0
            for (value, x) in zip(values, xs) {
                let expected: Float = x * 0.5 * (1 + Foundation.erf(x * inverseRootTwo))
                worst = max(worst, abs(value - expected))
            }
            #expect(worst < 1e-5, "\(name)")
        }
    }

    /// Only the given rows change, each with the bias added first, whatever the row width.
    @Test func geluTouchesOnlyItsRows() {
        for (name, kernel) in Self.geluKernels {
            for columns in [1, 5, 8, 13, 1_536] {
                let input = (0..<(4 * columns)).map { Float($0 % 11) * 0.3 - 1.5 }
                let bias = (0..<columns).map { Float($0 % 3) * 0.25 }
                var values = input
                values.withUnsafeMutableBufferPointer { kernel($0.baseAddress!, 1..<3, columns, bias) }
                for (index, (got, x)) in zip(values, input).enumerated() {
                    let row = index / columns
                    let v = x + bias[index % columns]
                    let want = (1..<3).contains(row) ? v * 0.5 * (1 + Foundation.erf(v / Float(2).squareRoot())) : x
                    #expect(abs(got - want) < 1e-5, "\(name), \(columns) columns, row \(row)")
                }
            }
        }
    }

    @Test func softmaxSumsToOneForEveryTailLength() {
        for count in 1...19 {
            var row = (0..<count).map { Float($0) * 0.37 - 2 }
            let expected = row.map { Foundation.exp($0) }
            let total = expected.reduce(0, +)
            row.withUnsafeMutableBufferPointer { VectorMath.softmax($0.baseAddress!, count: count) }
            for (got, want) in zip(row, expected) { #expect(abs(got - want / total) < 1e-6) }
        }
    }

    @Test func sumsAndNormsCoverEveryTailLength() {
        for count in 1...19 {
            let row = (0..<count).map { Float($0) * 0.37 - 2 }
            let sum = row.withUnsafeBufferPointer { VectorMath.sum($0.baseAddress!, count: count) }
            let norm = row.withUnsafeBufferPointer { VectorMath.norm($0.baseAddress!, count: count) }
            #expect(abs(sum - row.reduce(0, +)) < 1e-5)
            #expect(abs(norm - row.map { $0 * $0 }.reduce(0, +).squareRoot()) < 1e-5)
        }
    }

    @Test func layerNormNormalisesRowsOfAnyWidth() {
        for width in [3, 8, 13, 384] {
            var row = (0..<width).map { Float($0 % 7) - 1.5 }
            let gamma = [Float](repeating: 1, count: width), beta = [Float](repeating: 0, count: width)
            row.withUnsafeMutableBufferPointer { p in
                VectorMath.addBiasLayerNorm(p.baseAddress!, rows: 0..<1, columns: width, bias: nil,
                                            gamma: gamma, beta: beta, epsilon: 1e-12)
            }
            let mean = row.reduce(0, +) / Float(width)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(width)
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-4)
        }
    }

    @Test func layerNormNormalisesRows() {
        var row = (0..<16).map { Float($0) }
        let gamma = [Float](repeating: 1, count: 16), beta = [Float](repeating: 0, count: 16)
        row.withUnsafeMutableBufferPointer { p in
            VectorMath.addBiasLayerNorm(p.baseAddress!, rows: 0..<1, columns: 16, bias: nil,
                                        gamma: gamma, beta: beta, epsilon: 1e-12)
        }
        let mean = row.reduce(0, +) / 16
        let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 16
        #expect(abs(mean) < 1e-5)
        #expect(abs(variance - 1) < 1e-4)
    }

    @Test func flopCountOfOneSequence() {
        // 6 layers · (10 tokens · 2 · (4·384² + 2·384·1536) + 4 · 384 · 10²)
        let flops = BertEncoder.flops(lengths: [10], configuration: BertConfiguration())
        let perToken: Double = 2 * (4 * 384 * 384 + 2 * 384 * 1536)
        let attention: Double = 4 * 384 * 100
        #expect(flops == 6 * (10 * perToken + attention))
    }
}
