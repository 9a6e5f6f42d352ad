#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to standard error (progress, notices, errors), never to standard output.
func printError(_ line: String) {
    fputs(line + "\n", stderr)
}
