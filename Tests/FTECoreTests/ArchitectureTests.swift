import FTETestSupport
import Foundation
import Testing

/// The rules docs/architecture.md marks "(checked)", read off the sources: who may write ticket
/// state, which files call C, which targets the product links, and the JSON rule.
@Suite struct ArchitectureTests {
    static let root = SampleKnowledgeBase.repositoryRoot

    /// Swift files under `folder` (relative to the repository), with their text.
    static func sources(in folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map { url in
            (String(url.path.dropFirst(root.path.count + 1)), try String(contentsOf: url, encoding: .utf8))
        }.sorted { $0.path < $1.path }
    }

    /// The files under `folder` whose code (comments left out) matches `pattern`.
    static func files(in folder: String, matching pattern: String) throws -> [String] {
        let regex = try Regex(pattern)
        return try sources(in: folder).filter { file in
            let code = file.text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            return code.contains { $0.contains(regex) }
        }.map(\.path)
    }

    @Test func onlyTheTicketLifecycleWritesTicketStatusEscalationsAndEvents() throws {
        let writers = try Self.files(
            in: "Sources",
            matching: #"INSERT INTO (escalations|ticket_events)|UPDATE (escalations|tickets( t)?) SET (status|.*status =)|UPDATE conversations SET status"#)
        #expect(writers == ["Sources/FTECore/CRM/TicketLifecycle.swift"])
    }

    /// The CRM neither names a type of the Worker area (the outbox's included) nor writes the
    /// outbox table; it only reads delivery states for the ticket view.
    @Test func theCRMKnowsNothingOfTheOutboxOrTheWorker() throws {
        let declaration = try Regex(#"^(?:public )?(?:final )?(?:struct|enum|class|actor|protocol) (\w+)"#).anchorsMatchLineEndings()
        let workerTypes = try Self.sources(in: "Sources/FTECore/Worker").flatMap { file in
            file.text.matches(of: declaration).compactMap { $0.output[1].substring.map(String.init) }
        }
        #expect(workerTypes.contains("OutboxDispatcher") && workerTypes.contains("WorkerError"))
        let pattern = #"\b("# + workerTypes.joined(separator: "|") + #")\b|(INSERT INTO|UPDATE|DELETE FROM) outbox\b"#
        #expect(try Self.files(in: "Sources/FTECore/CRM", matching: pattern).isEmpty)
    }

    @Test func cCallsStayInTheirOwnerTypes() throws {
        let importers = try Self.files(in: "Sources", matching: #"^import (CLibPQ|CCurl|CRdKafka|CBLAS|CVectorMath)$"#)
        let owners = ["Sources/FTECore/Database/LibPQ/", "Sources/FTECore/HTTP/Curl/", "Sources/FTECore/Queue/Kafka/",
                      "Sources/FTECore/Knowledge/Embedding/BLAS.swift", "Sources/FTECore/Knowledge/Embedding/Libmvec.swift",
                      "Sources/FTECore/Knowledge/Embedding/AVX2Kernels.swift",
                      "Sources/FTEFakes/MockKafkaCluster.swift"]
        #expect(!importers.isEmpty)
        for file in importers {
            #expect(owners.contains { file.hasPrefix($0) }, "\(file) calls C outside the owner types")
        }
    }

    @Test func theCoreDoesNotImportHummingbird() throws {
        #expect(try Self.files(in: "Sources/FTECore", matching: #"^import Hummingbird"#).isEmpty)
    }

    @Test func theProductNeverLinksTestSupport() throws {
        let product = try Self.files(in: "Sources/fte", matching: #"^import FTETestSupport"#)
            + Self.files(in: "Sources/FTESimulator", matching: #"^import FTETestSupport"#)
            + Self.files(in: "Sources/FTEFakes", matching: #"^import FTETestSupport"#)
        #expect(product.isEmpty)
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        for target in ["fte", "FTESimulator", "FTEFakes", "MockKafkaHost", "ScriptedLLMHost"] {
            let declaration = try #require(Self.declaration(of: target, in: manifest), "no target \(target)")
            #expect(!declaration.contains("FTETestSupport"), "\(target) depends on the test support")
        }
    }

    @Test func theManifestHasNoUnsafeFlags() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("unsafeFlags"))
    }

    /// The product's code (everything but the test support, which may read JSON with
    /// Foundation's parser to cross-check ours).
    @Test func jsonIsCodableOrJSONValueNeverJSONSerialization() throws {
        let users = try Self.files(in: "Sources", matching: #"JSONSerialization"#)
        #expect(users.filter { !$0.hasPrefix("Sources/FTETestSupport/") }.isEmpty)
    }

    /// The text of `.target(name: "NAME", …)` (or an executable target) up to the next target.
    static func declaration(of target: String, in manifest: String) -> Substring? {
        guard let start = manifest.range(of: "name: \"\(target)\"") else { return nil }
        let rest = manifest[start.upperBound...]
        let end = rest.range(of: "name: \"")?.lowerBound ?? rest.endIndex
        return rest[..<end]
    }
}
