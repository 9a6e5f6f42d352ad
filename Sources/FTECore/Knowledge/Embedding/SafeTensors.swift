import Foundation

/// A `.safetensors` weights file, memory-mapped: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the raw tensor data.
///
/// Tensors are handed out as pointers into the mapping, so nothing is copied; the pointers stay
/// valid while this value (or its ``file``) is alive.
struct SafeTensors: Sendable {
    /// One tensor's entry in the header.
    struct TensorInfo: Sendable, Equatable {
        var dtype: String
        var shape: [Int]
        /// Byte range relative to the start of the data section.
        var range: Range<Int>
    }

    /// The mapped file; keep it alive as long as tensor pointers are in use.
    let file: MappedFile
    /// The tensors by name.
    let tensors: [String: TensorInfo]
    /// Offset of the data section in the file.
    let dataOffset: Int

    private static let dtypeSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
        "U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1, "F8_E4M3": 1, "F8_E5M2": 1,
    ]

    /// Maps and parses a safetensors file.
    /// - Throws: ``EmbeddingError`` (`missingFile`, `corruptModel`) naming the path and what is wrong.
    init(path: String) throws {
        let file = try MappedFile(path: path)
        func corrupt(_ message: String) -> EmbeddingError {
            EmbeddingError(.corruptModel, "not a valid safetensors file: \(message)", path: path)
        }
        guard file.count >= 8 else {
            throw corrupt("\(file.count) bytes is too short for the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        withUnsafeMutableBytes(of: &headerLength) { $0.copyMemory(from: UnsafeRawBufferPointer(start: file.bytes, count: 8)) }
        headerLength = UInt64(littleEndian: headerLength)
        guard headerLength > 0, headerLength <= UInt64(file.count - 8) else {
            throw corrupt("header length \(headerLength) does not fit in the file's \(file.count) bytes")
        }
        let dataOffset = 8 + Int(headerLength)
        let headerData = Data(bytes: file.bytes + 8, count: Int(headerLength))
        guard let header = (try? JSONValue(parsing: headerData))?.objectValue else {
            throw corrupt("the header is not a JSON object")
        }
        /// The whole numbers of a JSON array, or nil when it is not one of whole numbers only.
        func integers(_ value: JSONValue?) -> [Int]? {
            guard let array = value?.arrayValue else { return nil }
            let numbers = array.compactMap(\.intValue)
            return numbers.count == array.count ? numbers : nil
        }
        var tensors: [String: TensorInfo] = [:]
        let dataLength = file.count - dataOffset
        let dataEnd = header.values.compactMap { integers($0["data_offsets"])?.last }.max() ?? 0
        guard dataEnd <= dataLength else {
            throw corrupt("the header describes \(dataEnd) bytes of tensor data but the file holds only \(dataLength) (truncated?)")
        }
        for (name, value) in header where name != "__metadata__" {
            guard let dtype = value["dtype"]?.stringValue,
                  let shape = integers(value["shape"]),
                  let offsets = integers(value["data_offsets"]), offsets.count == 2
            else { throw corrupt("tensor '\(name)' has no dtype, shape and data_offsets") }
            guard let size = Self.dtypeSizes[dtype] else {
                throw corrupt("tensor '\(name)' has unknown dtype \(dtype)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard shape.allSatisfy({ $0 >= 0 }), begin >= 0, begin <= end else {
                throw corrupt("tensor '\(name)' has a bad shape or byte range")
            }
            guard end <= dataLength else {
                throw corrupt("tensor '\(name)' ends at byte \(end) of the data but the file holds only \(dataLength) (truncated?)")
            }
            let expected = shape.reduce(size, *)
            guard end - begin == expected else {
                throw corrupt("tensor '\(name)' of shape \(shape) needs \(expected) bytes, has \(end - begin)")
            }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, range: begin..<end)
        }
        self.file = file
        self.tensors = tensors
        self.dataOffset = dataOffset
    }

    /// A float32 tensor of the given shape, as a pointer into the mapping.
    /// - Parameters:
    ///   - name: the tensor's name, e.g. `encoder.layer.0.attention.self.query.weight`.
    ///   - shape: the shape the model expects.
    /// - Throws: ``EmbeddingError`` `missingTensor`, `wrongShape`, or `corruptModel` (dtype, alignment).
    func floats(_ name: String, shape: [Int]) throws -> UnsafePointer<Float> {
        guard let info = tensors[name] else {
            throw EmbeddingError(.missingTensor, "missing tensor '\(name)'", path: file.path)
        }
        guard info.dtype == "F32" else {
            throw EmbeddingError(.corruptModel, "tensor '\(name)' has dtype \(info.dtype), expected F32", path: file.path)
        }
        guard info.shape == shape else {
            throw EmbeddingError(.wrongShape, "tensor '\(name)' has shape \(info.shape), expected \(shape)", path: file.path)
        }
        let offset = dataOffset + info.range.lowerBound
        guard offset % MemoryLayout<Float>.alignment == 0 else {
            throw EmbeddingError(.corruptModel, "tensor '\(name)' is not 4-byte aligned", path: file.path)
        }
        return (file.bytes + offset).assumingMemoryBound(to: Float.self)
    }
}
