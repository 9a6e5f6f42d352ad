import FTECore
import FTETestSupport
import Foundation
import Testing

/// The man page and shell completions are generated from the CLI (scripts/generate-docs.sh);
/// these fail when a command changed and they were not regenerated.
@Suite struct GeneratedDocsTests {
    @Test(arguments: [("bash", "fte.bash"), ("zsh", "_fte"), ("fish", "fte.fish")])
    func completionScriptsAreCurrent(shell: String, file: String) async throws {
        let run = try await FTEBinary.run(["--generate-completion-script", shell])
        #expect(run.status == 0)
        let committed = try String(
            contentsOf: SampleKnowledgeBase.repositoryRoot.appendingPathComponent("completions/\(file)"), encoding: .utf8)
        #expect(run.stdout == committed, "completions/\(file) is stale: run scripts/generate-docs.sh")
    }

    @Test func manPageDocumentsEveryCommand() async throws {
        let dump = try await FTEBinary.run(["--experimental-dump-help"])
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var names: [String] = []
        func walk(_ command: [String: Any]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                if let name = sub["commandName"] as? String, name != "help" { names.append(name) }
                walk(sub)
            }
        }
        walk(try #require(tree["command"] as? [String: Any]))
        #expect(names.count >= 10)
        let man = try String(contentsOf: SampleKnowledgeBase.repositoryRoot.appendingPathComponent("man/fte.1"), encoding: .utf8)
        for name in names {
            #expect(man.contains(".It Em \(name)"), "man/fte.1 lacks \(name): run scripts/generate-docs.sh")
        }
    }
}
