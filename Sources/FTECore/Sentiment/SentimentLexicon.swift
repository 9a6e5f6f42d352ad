import Foundation

/// The VADER lexicon: the mean sentiment valence (about -4 to +4) of about 7,500 English words,
/// slang terms and emoticons.
///
/// Load it with ``fromEnvironment(_:pathFlag:)`` or ``init(path:)``. The file is
/// `vader_lexicon.txt` from the PyPI wheel `vaderSentiment` (MIT licence), which
/// `scripts/setup.sh` installs; each line is `token<TAB>mean<TAB>…`.
public struct SentimentLexicon: Sendable {
    /// The lexicon's file name inside its folder under the model home.
    public static let fileName = "vader_lexicon.txt"

    /// Valences by lower-case token.
    let valences: [String: Double]

    /// The number of entries.
    public var count: Int { valences.count }

    /// The valence of `token` (already lower-cased), if it is in the lexicon.
    public subscript(token: String) -> Double? { valences[token] }

    /// A lexicon of the given entries (for tests and custom vocabularies).
    /// - Parameter valences: valences keyed by lower-case token.
    public init(valences: [String: Double]) {
        self.valences = valences
    }

    /// Parses the text of a lexicon file.
    /// - Parameters:
    ///   - contents: the file's text.
    ///   - path: the file, for error messages.
    /// - Throws: ``SentimentError`` `malformedLexicon`, naming the first bad line.
    public init(contents: String, path: String) throws(SentimentError) {
        var valences: [String: Double] = [:]
        var lineNumber = 0
        for line in contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let entry = String(line).trimmingWhitespace()
            if entry.isEmpty { continue }
            let fields = entry.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty, let valence = Double(String(fields[1]).trimmingWhitespace()),
                  valence.isFinite
            else {
                throw SentimentError(.malformedLexicon, "line \(lineNumber) is not 'token<TAB>valence'", path: path)
            }
            valences[String(fields[0])] = valence
        }
        guard !valences.isEmpty else {
            throw SentimentError(.malformedLexicon, "the lexicon holds no entries", path: path)
        }
        self.valences = valences
    }

    /// Reads a lexicon file.
    /// - Parameter path: the `vader_lexicon.txt` file.
    /// - Throws: ``SentimentError`` naming the path: `lexiconNotFound` (with how to install it),
    ///   `unreadableLexicon` or `malformedLexicon`.
    public init(path: String) throws(SentimentError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SentimentError(
                .lexiconNotFound,
                "sentiment lexicon not found; run scripts/setup.sh to install it, or point \(ConfigKey.sentimentLexicon.name) at it",
                path: path)
        }
        guard let data = FileManager.default.contents(atPath: path), let contents = String(data: data, encoding: .utf8) else {
            throw SentimentError(.unreadableLexicon, "cannot read the sentiment lexicon as UTF-8 text", path: path)
        }
        try self.init(contents: contents, path: path)
    }

    /// Reads the lexicon at `FTE_SENTIMENT_LEXICON`, or where `scripts/setup.sh` installs it.
    /// - Parameters:
    ///   - environment: the environment; the process's by default.
    ///   - pathFlag: a command-line path, which wins when given.
    /// - Throws: ``SentimentError`` naming the path.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, pathFlag: String? = nil
    ) throws(SentimentError) -> SentimentLexicon {
        try SentimentLexicon(path: ConfigKey.sentimentLexicon.resolve(flag: pathFlag, environment: environment)
            ?? defaultPath(environment))
    }

    /// `FTE_SENTIMENT_LEXICON`, else `$FTE_MODEL_HOME/vader/vader_lexicon.txt` (see
    /// ``ConfigKey/modelHomeDirectory(_:)``), where `scripts/setup.sh` installs it.
    /// - Parameter environment: the environment; the process's by default.
    public static func defaultPath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ConfigKey.sentimentLexicon.resolve(flag: nil, environment: environment)
            ?? ConfigKey.modelHomeDirectory(environment) + "/vader/" + fileName
    }
}
