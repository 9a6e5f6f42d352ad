import Foundation

/// Writes one line to standard error (progress, notices, errors), never to standard output.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
