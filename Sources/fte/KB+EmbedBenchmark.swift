import FTECore
import Foundation

/// `fte kb embed --bench-file CORPUS.jsonl`: times the local embedder on a corpus, as
/// `scripts/bench-embed.sh` runs it. Prints one summary line per figure.
struct EmbedBenchmark {
    let embedder: MiniLMEmbedder
    let corpusPath: String

    func run() async throws {
        let texts = try readCorpus()
        let clock = ContinuousClock()
        _ = try await embedder.embed(Array(texts.prefix(64)))  // warm-up, as the peer does

        let tokenizeStart = clock.now
        let counts = texts.map { embedder.tokenIDs($0).count }
        let tokenizeTime = seconds(clock.now - tokenizeStart)

        let start = clock.now
        let vectors = try await embedder.embed(texts)
        let elapsed = seconds(clock.now - start)
        precondition(vectors.count == texts.count)

        let tokens = counts.reduce(0, +)
        let flops = embedder.estimatedFLOPs(tokenCounts: counts)
        let configuration = embedder.configuration
        print("corpus: \(texts.count) passages, \(tokens) tokens (mean \(format(Double(tokens) / Double(max(texts.count, 1)), 1)), max \(counts.max() ?? 0))")
        print("settings: threads \(configuration.threads), batch \(configuration.maxBatchTokens) tokens, max length \(configuration.maxSequenceLength)")
        print("time: \(format(elapsed, 2)) s (tokenizing alone, one thread: \(format(tokenizeTime, 2)) s)")
        print("work: \(format(flops / 1e12, 3)) TFLOP")
        let gflops = flops / elapsed / 1e9
        print("fte: \(format(Double(texts.count) / elapsed, 1)) passages/s  \(format(Double(tokens) / elapsed, 0)) tokens/s  \(format(gflops, 1)) GFLOP/s")
        let ceiling = EmbeddingBenchmark.matrixProductCeiling(threads: configuration.threads)
        print("ceiling: \(format(ceiling, 1)) GFLOP/s OpenBLAS sgemm [4096x384]x[384x1536] on \(configuration.threads) threads; fte at \(format(100 * gflops / ceiling, 0))% of it")
    }

    private func readCorpus() throws -> [String] {
        guard let data = FileManager.default.contents(atPath: corpusPath) else {
            throw CommandFailure.usage("cannot read the corpus \(corpusPath)")
        }
        var texts: [String] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            guard let passage = try? JSONDecoder().decode(Passage.self, from: Data(line.utf8)) else {
                throw CommandFailure.usage("\(corpusPath):\(number + 1): not a JSON object with a \"text\" string")
            }
            texts.append(passage.text)
        }
        guard !texts.isEmpty else { throw CommandFailure.usage("the corpus \(corpusPath) is empty") }
        return texts
    }

    /// One line of the corpus.
    private struct Passage: Decodable {
        var text: String
    }

    private func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) / 1e18
    }

    private func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
