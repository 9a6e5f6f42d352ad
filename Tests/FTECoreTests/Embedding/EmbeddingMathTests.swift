import Foundation
import Testing
@testable import FTECore

@Suite struct EmbeddingMathTests {
    @Test func vectorExpMatchesLibm() {
        var worst: Float = 0
        var x: Float = -87
        while x < 88 {
            let v = VectorMath.exp(VectorMath.Vector(repeating: x))[0]
            worst = max(worst, abs(v - Foundation.exp(x)) / Foundation.exp(x))
            x += 0.0137
        }
        #expect(worst < 5e-7)
    }

    @Test func vectorErfMatchesLibm() {
        var worst: Float = 0
        var x: Float = -6
        while x < 6 {
            worst = max(worst, abs(VectorMath.erf(VectorMath.Vector(repeating: x))[0] - Foundation.erf(x)))
            x += 0.001
        }
        #expect(worst < 2e-6)
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
