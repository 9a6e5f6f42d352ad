import FTECore
import Foundation
import Testing

@Suite struct UUIDRandomTests {
    @Test func randomIdsAreVersion4WithTheRFCVariantAndDistinct() {
        let ids = (0..<1000).map { _ in UUID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 4)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
    }

    @Test func lowercasedStringIsFoundationsFormInLowerCase() {
        for id in (0..<200).map({ _ in UUID() }) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
            #expect(id.lowercasedString == id.uuidString.lowercased())
        }
        let known = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        #expect(known.lowercasedString == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
    }

    @Test func canonicalTextReadsWhatFoundationReads() {
        for id in (0..<200).map({ _ in UUID() }) + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))] {
            #expect(UUID(canonicalText: id.lowercasedString) == id)
            #expect(UUID(canonicalText: id.uuidString) == id)
        }
        #expect(UUID(canonicalText: "E621E1F8-c36c-495A-93fc-0C247A3E6E5F") == UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
    }

    @Test func canonicalTextRefusesEverythingElse() {
        for text in [
            "", "e621e1f8c36c495a93fc0c247a3e6e5f", "{e621e1f8-c36c-495a-93fc-0c247a3e6e5f}", "e621e1f8-c36c-495a-93fc-0c247a3e6e5",
            "e621e1f8-c36c-495a-93fc-0c247a3e6e5f0", "e621e1f8_c36c-495a-93fc-0c247a3e6e5f", "g621e1f8-c36c-495a-93fc-0c247a3e6e5f",
            "e621e1f8-c36c-495a-93fc-0c247a3e6e5 ", " e621e1f8-c36c-495a-93fc-0c247a3e6e5", "e621e1f8-c36c-495a-93fc-0c247a3e6é",
        ] {
            #expect(UUID(canonicalText: text) == nil, "\(text)")
        }
    }
}
