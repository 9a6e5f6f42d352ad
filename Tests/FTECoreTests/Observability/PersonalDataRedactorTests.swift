import Foundation
import Logging
import Synchronization
import Testing
@testable import FTECore

@Suite struct PersonalDataRedactorTests {
    @Test(arguments: [
        ("wrote from jane.doe@example.com today", "wrote from j***@example.com today"),
        ("whatsapp:+14155550100 said hi", "whatsapp:+1********00 said hi"),
        ("call +44 20 7946 0958", "call +4*********58"),
        ("nothing personal here: 42 + 7", "nothing personal here: 42 + 7"),
    ])
    func masksAddressesAndPhones(input: String, expected: String) {
        #expect(PersonalDataRedactor.redact(input) == expected)
    }

    @Test func structuredLogsAreJSONLinesWithPersonalDataMasked() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "test") { label in
            StructuredLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request"] = "abc"
        logger.info("message from jane@example.com", metadata: ["from": "+14155550100", "count": "3"])
        logger.debug("not at info level")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "message from j***@example.com")
        #expect(object["from"] as? String == "+1********00")
        #expect(object["request"] as? String == "abc")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "test")
        #expect(object["time"] is String)
    }
}
