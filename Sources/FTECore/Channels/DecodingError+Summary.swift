extension Error {
    /// A one-line description of a decoding failure that names the path, not the data.
    var shortDescription: String {
        guard let error = self as? DecodingError else { return String(describing: type(of: self)) }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON" : "corrupt value at \(path)"
        @unknown default:
            return "undecodable"
        }
    }
}
