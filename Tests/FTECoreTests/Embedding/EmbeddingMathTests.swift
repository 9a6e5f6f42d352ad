import Foundation
import Testing
@testable import FTECore

@Suite struct EmbeddingMathTests {
    @Test func expMatchesLibm() {
        var xs: [Float] = []
        var x: Float = -87
        while x < 88 { xs.append(x); x += 0.0137 }
        var values = xs
        _ = values.withUnsafeMutableBufferPointer { VectorMath.expAndSum($0.baseAddress!, count: xs.count, shift: 0) }
        var worst: Float = 0
        for (value, x) in zip(values, xs) { worst = max(worst, abs(value - Foundation.exp(x)) / Foundation.exp(x)) }
        #expect(worst < 5e-7)
    }

    /// The returned sum is the sum of the results (on a range whose sum a Float holds).
    @Test func expAndSumReturnsTheSum() {
        for count in [1, 7, 8, 9, 100, 1_001] {
            var values = (0..<count).map { Float($0 % 61) - 30 }
            let total = values.withUnsafeMutableBufferPointer { VectorMath.expAndSum($0.baseAddress!, count: count, shift: 2) }
            let expected = values.map(Double.init).reduce(0, +)
            #expect(abs(Double(total) - expected) / expected < 1e-6)
        }
    }

    @Test func geluMatchesTheErfDefinition() {
        var xs: [Float] = []
        var x: Float = -9
        while x < 9 { xs.append(x); x += 0.001 }
        var values = xs
        let zero = [Float](repeating: 0, count: xs.count)
        values.withUnsafeMutableBufferPointer { VectorMath.addBiasGELU($0.baseAddress!, rows: 0..<1, columns: xs.count, bias: zero) }
        var worst: Float = 0
        let inverseRootTwo = 1 / Float(2).squareRoot()
        for (value, x) in zip(values, xs) {
            let expected: Float = x * 0.5 * (1 + Foundation.erf(x * inverseRootTwo))
            worst = max(worst, abs(value - expected))
        }
        #expect(worst < 1e-5)
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
