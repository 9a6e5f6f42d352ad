/// The tensors of a BERT encoder, pointing into the memory-mapped safetensors file.
///
/// Only the fused Q|K|V projection of each layer is copied (into one `[3·hidden × hidden]`
/// matrix, 1.7 MB a layer) so that one matrix product computes all three.
struct BertWeights: @unchecked Sendable {
    // @unchecked Sendable: every pointer refers to read-only memory (the read-only mapping kept
    // alive by `tensors.file`, or the `FloatBuffer`s owned here, written once during init).

    struct Layer {
        var qkvWeight: UnsafePointer<Float>       // [3H, H]
        var qkvBias: UnsafePointer<Float>         // [3H]
        var outputWeight: UnsafePointer<Float>    // [H, H]
        var outputBias: UnsafePointer<Float>
        var attentionNormGamma: UnsafePointer<Float>
        var attentionNormBeta: UnsafePointer<Float>
        var intermediateWeight: UnsafePointer<Float>  // [I, H]
        var intermediateBias: UnsafePointer<Float>
        var ffnOutputWeight: UnsafePointer<Float>     // [H, I]
        var ffnOutputBias: UnsafePointer<Float>
        var outputNormGamma: UnsafePointer<Float>
        var outputNormBeta: UnsafePointer<Float>
    }

    let configuration: BertConfiguration
    let wordEmbeddings: UnsafePointer<Float>      // [V, H]
    let positionEmbeddings: UnsafePointer<Float>  // [P, H]
    let tokenTypeEmbeddings: UnsafePointer<Float> // [T, H]
    let embeddingNormGamma: UnsafePointer<Float>
    let embeddingNormBeta: UnsafePointer<Float>
    let layers: [Layer]

    private let tensors: SafeTensors
    private let owned: [FloatBuffer]

    /// Finds and checks every tensor the encoder needs.
    /// - Throws: ``EmbeddingError`` `missingTensor` or `wrongShape` naming the tensor.
    init(tensors: SafeTensors, configuration c: BertConfiguration) throws {
        let h = c.hiddenSize, i = c.intermediateSize
        // Some exports prefix every name with "bert.".
        let prefix = tensors.tensors["embeddings.word_embeddings.weight"] == nil
            && tensors.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: Int...) throws -> UnsafePointer<Float> {
            try tensors.floats(prefix + name, shape: shape)
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", c.vocabularySize, h)
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", c.maxPositions, h)
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", c.typeVocabularySize, h)
        embeddingNormGamma = try tensor("embeddings.LayerNorm.weight", h)
        embeddingNormBeta = try tensor("embeddings.LayerNorm.bias", h)
        var layers: [Layer] = []
        var owned: [FloatBuffer] = []
        for l in 0..<c.layers {
            let p = "encoder.layer.\(l)."
            let qkvWeight = FloatBuffer(count: 3 * h * h)
            let qkvBias = FloatBuffer(count: 3 * h)
            for (part, name) in ["query", "key", "value"].enumerated() {
                let w = try tensor(p + "attention.self.\(name).weight", h, h)
                let b = try tensor(p + "attention.self.\(name).bias", h)
                (qkvWeight.pointer + part * h * h).update(from: w, count: h * h)
                (qkvBias.pointer + part * h).update(from: b, count: h)
            }
            owned += [qkvWeight, qkvBias]
            layers.append(Layer(
                qkvWeight: UnsafePointer(qkvWeight.pointer),
                qkvBias: UnsafePointer(qkvBias.pointer),
                outputWeight: try tensor(p + "attention.output.dense.weight", h, h),
                outputBias: try tensor(p + "attention.output.dense.bias", h),
                attentionNormGamma: try tensor(p + "attention.output.LayerNorm.weight", h),
                attentionNormBeta: try tensor(p + "attention.output.LayerNorm.bias", h),
                intermediateWeight: try tensor(p + "intermediate.dense.weight", i, h),
                intermediateBias: try tensor(p + "intermediate.dense.bias", i),
                ffnOutputWeight: try tensor(p + "output.dense.weight", h, i),
                ffnOutputBias: try tensor(p + "output.dense.bias", h),
                outputNormGamma: try tensor(p + "output.LayerNorm.weight", h),
                outputNormBeta: try tensor(p + "output.LayerNorm.bias", h)
            ))
        }
        self.configuration = c
        self.layers = layers
        self.tensors = tensors
        self.owned = owned
    }
}

/// A 64-byte aligned float buffer, freed when the last reference goes.
final class FloatBuffer: @unchecked Sendable {
    // @unchecked Sendable: the owner decides who writes; the encoder writes its scratch buffers
    // only on its compute queue, and weight buffers are written once before being shared.

    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}
