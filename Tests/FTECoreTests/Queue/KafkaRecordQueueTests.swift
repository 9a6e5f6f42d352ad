import Foundation
import Testing
@testable import FTECore

@Suite struct KafkaRecordQueueTests {
    private let start = ContinuousClock.now

    private func record(_ key: String?, partition: Int32 = 0, offset: Int64, value: String? = nil) -> KafkaMessage {
        KafkaMessage(
            topic: "t", partition: partition, offset: offset, key: key.map { Array($0.utf8) },
            value: Array((value ?? "\(key ?? "-")@\(offset)").utf8))
    }

    /// The queue after appending `records`.
    private func queue(_ records: [KafkaMessage]) -> KafkaRecordQueue {
        var queue = KafkaRecordQueue()
        for record in records { _ = queue.append(record) }
        return queue
    }

    private func values(_ events: [ReceivedEvent]) -> [String] {
        events.map { String(decoding: $0.payload, as: UTF8.self) }
    }

    private func position(_ event: ReceivedEvent) throws -> KafkaRecordQueue.Position {
        guard case .offset(let partition, let offset) = event.receipt else { throw TestFailure("not a Kafka receipt") }
        return KafkaRecordQueue.Position(partition: partition, offset: offset)
    }

    @Test func onlyTheOldestUnfinishedRecordOfEachKeyIsHandedOut() throws {
        var queue = queue([
            record("a", offset: 0), record("b", offset: 1), record("a", offset: 2), record("c", partition: 1, offset: 0),
            record("a", offset: 3),
        ])
        let first = queue.takeReady(limit: 10, now: start)
        #expect(values(first) == ["a@0", "b@1", "c@0"])
        #expect(first.map(\.partitionKey) == ["a", "b", "c"])
        #expect(first.allSatisfy { $0.attempt == 1 })
        #expect(queue.takeReady(limit: 10, now: start).isEmpty, "a@2 waits for a@0")

        #expect(queue.finish(try position(first[0]))?.nextIsReady == true)
        #expect(values(queue.takeReady(limit: 10, now: start)) == ["a@2"])
        #expect(queue.finish(try position(first[1]))?.nextIsReady == false)
        #expect(queue.count == 3)
    }

    @Test func limitIsRespectedAndTheRestStaysReadyInOrder() {
        var queue = queue((0..<5).map { record("k\($0)", offset: Int64($0)) })
        #expect(values(queue.takeReady(limit: 2, now: start)) == ["k0@0", "k1@1"])
        #expect(values(queue.takeReady(limit: 2, now: start)) == ["k2@2", "k3@3"])
        #expect(values(queue.takeReady(limit: 2, now: start)) == ["k4@4"])
        #expect(queue.takeReady(limit: 0, now: start).isEmpty)
    }

    @Test func aRetryIsHandedOutAgainWhenDueWithTheNextAttemptAndBlocksItsKey() throws {
        var queue = queue([record("a", offset: 0), record("a", offset: 1), record("b", offset: 2)])
        let first = queue.takeReady(limit: 10, now: start)
        #expect(values(first) == ["a@0", "b@2"])
        #expect(queue.retry(try position(first[0]), due: start + .seconds(2)))
        #expect(queue.nextRetry == start + .seconds(2))
        #expect(queue.takeReady(limit: 10, now: start + .seconds(1)).isEmpty, "a@1 waits behind the retry")

        let again = queue.takeReady(limit: 10, now: start + .seconds(2))
        #expect(values(again) == ["a@0"])
        #expect(again.first?.attempt == 2)
        #expect(queue.nextRetry == nil)
        #expect(queue.retry(try position(again[0]), due: start + .seconds(3)))
        #expect(!queue.retry(try position(again[0]), due: start + .seconds(3)), "not handed out while it waits")
        #expect(queue.finish(try position(again[0])) == nil, "not handed out while it waits")
        let third = queue.takeReady(limit: 10, now: start + .seconds(3))
        #expect(values(third) == ["a@0"])
        #expect(third.first?.attempt == 3)
    }

    @Test func offsetsAdvanceOnlyBelowTheLowestUnfinishedAcrossKeys() throws {
        var queue = queue([record("a", offset: 0), record("b", offset: 1), record("c", offset: 2), record("d", partition: 1, offset: 7)])
        let events = queue.takeReady(limit: 10, now: start)
        #expect(events.count == 4)
        _ = queue.finish(try position(events[2]))  // c@2
        _ = queue.finish(try position(events[1]))  // b@1
        _ = queue.finish(try position(events[3]))  // d@7
        #expect(queue.uncommittedOffsets == [1: 8], "partition 0 still waits for a@0")
        queue.committed([1: 8])
        _ = queue.finish(try position(events[0]))
        #expect(queue.uncommittedOffsets == [0: 3])
        #expect(queue.count == 0)
    }

    @Test func finishingWhatIsNotHandedOutDoesNothing() throws {
        var queue = queue([record("a", offset: 0), record("a", offset: 1)])
        #expect(queue.finish(.init(partition: 0, offset: 1)) == nil, "buffered, not handed out")
        #expect(queue.finish(.init(partition: 3, offset: 0)) == nil)
        let event = try #require(queue.takeReady(limit: 1, now: start).first)
        #expect(queue.finish(try position(event)) != nil)
        #expect(queue.finish(try position(event)) == nil, "finished twice")
        #expect(queue.count == 1)
    }

    @Test func droppedPartitionsAreForgottenAndMayBeReceivedAgain() throws {
        var queue = queue([
            record("a", offset: 0), record("a", offset: 1), record("b", offset: 2), record("c", partition: 1, offset: 0),
        ])
        let handedOut = queue.takeReady(limit: 10, now: start)
        #expect(values(handedOut) == ["a@0", "b@2", "c@0"])
        #expect(queue.retry(try position(handedOut[1]), due: start))
        queue.drop(partitions: [0])
        #expect(queue.count == 1)
        #expect(queue.finish(try position(handedOut[0])) == nil, "revoked while it was processed")
        #expect(queue.handedOutRecord(at: try position(handedOut[0])) == nil)
        #expect(queue.takeReady(limit: 10, now: start + .seconds(1)).isEmpty, "neither a@1 nor the retry of b@2")
        #expect(queue.nextRetry == nil)
        #expect(queue.uncommittedOffsets.isEmpty)

        // Assigned again, partition 0 is read from its last commit.
        let appended = queue.append(record("a", offset: 0))
        #expect(appended)
        #expect(values(queue.takeReady(limit: 10, now: start)) == ["a@0"])
        #expect(queue.count == 2)
    }

    @Test func recordsWithoutAKeyShareOneOrderPerPartition() {
        var queue = queue([record(nil, offset: 0), record(nil, offset: 1), record(nil, partition: 1, offset: 0)])
        let events = queue.takeReady(limit: 10, now: start)
        #expect(values(events) == ["-@0", "-@0"])
        #expect(events.map(\.partitionKey) == ["", ""])
    }

    @Test func deadLettersCarryTheValueAsTextOrBase64() throws {
        let time = Date(timeIntervalSince1970: 1_790_000_000.123)
        var text = KafkaRecordQueue.Record(
            position: .init(partition: 2, offset: 41), key: Array("a@x.io".utf8), value: Array(#"{"x":"é"}"#.utf8))
        text.attempts = 3
        let letter = String(decoding: text.deadLetter(topic: "fte.tickets.incoming", error: "bad \"json\"", at: time), as: UTF8.self)
        #expect(letter == #"{"attempts":3,"dead_lettered_at":"2026-09-21T14:13:20.123Z","error":"bad \"json\"","offset":41,"partition":2,"topic":"fte.tickets.incoming","value":"{\"x\":\"é\"}","version":1}"#)

        let binary = KafkaRecordQueue.Record(position: .init(partition: 0, offset: 0), key: nil, value: [0xFF, 0x00, 0x41])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(binary.deadLetter(topic: "t", error: "e", at: time))) as? [String: Any])
        #expect(object["value"] == nil)
        #expect(object["value_base64"] as? String == "/wBB")
    }
}

private struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
