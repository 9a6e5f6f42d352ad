import Foundation

/// The records a ``KafkaEventSource`` holds, and which of them it hands out: per key within a
/// partition only the oldest unfinished record, and a retried one only once its delay has
/// passed. So one customer's records are processed strictly in order while many customers' are
/// processed at once. Finished records advance their partition's ``OffsetTracker``.
///
/// Pure bookkeeping: the source serialises access and supplies the time.
struct KafkaRecordQueue: Sendable {
    /// Where a record is.
    struct Position: Hashable, Sendable {
        var partition: Int32
        var offset: Int64
    }

    /// A record held until it finishes.
    struct Record: Sendable, Equatable {
        var position: Position
        var key: [UInt8]?
        var value: [UInt8]
        /// How many times it was handed out.
        var attempts = 0

        var event: ReceivedEvent {
            ReceivedEvent(
                receipt: .offset(partition: position.partition, offset: position.offset),
                partitionKey: String(decoding: key ?? [], as: UTF8.self), payload: value, attempt: attempts)
        }
    }

    /// The records of one key in one partition, oldest first: the first is the head.
    private struct Lane {
        enum Head {
            case waiting
            case handedOut
            case retrying(due: ContinuousClock.Instant)
        }

        var records: [Record]
        var head = Head.waiting
    }

    private struct LaneID: Hashable {
        var partition: Int32
        var key: [UInt8]?
    }

    private var lanes: [LaneID: Lane] = [:]
    /// Lanes whose head became ready, oldest first from `readyStart`. An entry whose lane was
    /// dropped or handed out meanwhile is skipped.
    private var ready: [LaneID] = []
    private var readyStart = 0
    private var retrying: Set<LaneID> = []
    private var handedOut: [Position: LaneID] = [:]
    private var offsets = OffsetTracker()

    /// Records held: waiting, handed out, or waiting for a retry.
    var count: Int { offsets.unfinishedCount }

    /// When the earliest retry comes due.
    var nextRetry: ContinuousClock.Instant? {
        retrying.compactMap { id -> ContinuousClock.Instant? in
            guard case .retrying(let due) = lanes[id]?.head else { return nil }
            return due
        }.min()
    }

    /// The committable offset of each partition that is past its last commit (``OffsetTracker``).
    var uncommittedOffsets: [Int32: Int64] { offsets.uncommitted }

    /// Adds a polled record; one at or below an offset its partition already received is ignored.
    /// - Returns: whether it is ready to be handed out (the first of its key).
    mutating func append(_ message: KafkaMessage) -> Bool {
        guard offsets.receive(message.offset, in: message.partition) else { return false }
        let record = Record(
            position: Position(partition: message.partition, offset: message.offset), key: message.key,
            value: message.value)
        let id = LaneID(partition: message.partition, key: message.key)
        guard lanes[id] == nil else {
            lanes[id]!.records.append(record)
            return false
        }
        lanes[id] = Lane(records: [record])
        ready.append(id)
        return true
    }

    /// Hands out up to `limit` heads, those ready longest first, retries due at `now` included.
    mutating func takeReady(limit: Int, now: ContinuousClock.Instant) -> [ReceivedEvent] {
        wakeRetries(dueBy: now)
        var events: [ReceivedEvent] = []
        while events.count < limit, readyStart < ready.count {
            let id = ready[readyStart]
            readyStart += 1
            guard case .waiting = lanes[id]?.head else { continue }
            lanes[id]!.head = .handedOut
            lanes[id]!.records[0].attempts += 1
            let head = lanes[id]!.records[0]
            handedOut[head.position] = id
            events.append(head.event)
        }
        if readyStart > 1_024, readyStart * 2 > ready.count {
            ready.removeFirst(readyStart)
            readyStart = 0
        }
        return events
    }

    /// The handed-out record at `position`; `nil` when none is (its partition was revoked).
    func handedOutRecord(at position: Position) -> Record? {
        handedOut[position].flatMap { lanes[$0]?.records.first }
    }

    /// Finishes the handed-out record at `position`: it leaves the queue, its offset may be
    /// committed once the ones before it are, and the next record of its key becomes ready.
    /// - Returns: the record, and whether another became ready; `nil` when it is not handed out.
    mutating func finish(_ position: Position) -> (record: Record, nextIsReady: Bool)? {
        guard let id = handedOut.removeValue(forKey: position), let record = lanes[id]?.records.removeFirst() else {
            return nil
        }
        _ = offsets.finish(position.offset, in: position.partition)
        guard lanes[id]!.records.isEmpty else {
            lanes[id]!.head = .waiting
            ready.append(id)
            return (record, true)
        }
        lanes[id] = nil
        return (record, false)
    }

    /// Hands the record at `position` out again once `due`; its key's later records keep waiting.
    /// - Returns: `false` when it is not handed out.
    mutating func retry(_ position: Position, due: ContinuousClock.Instant) -> Bool {
        guard let id = handedOut.removeValue(forKey: position), lanes[id] != nil else { return false }
        lanes[id]!.head = .retrying(due: due)
        retrying.insert(id)
        return true
    }

    /// Records a successful commit of `offsets` (partition → offset).
    mutating func committed(_ offsets: [Int32: Int64]) {
        self.offsets.committed(offsets)
    }

    /// Drops every record of `partitions`, which were revoked: they are neither handed out nor
    /// committed any more, and finishing one that was handed out does nothing.
    mutating func drop(partitions: Set<Int32>) {
        lanes = lanes.filter { !partitions.contains($0.key.partition) }
        handedOut = handedOut.filter { !partitions.contains($0.key.partition) }
        retrying = retrying.filter { !partitions.contains($0.partition) }
        for partition in partitions {
            offsets.remove(partition)
        }
    }

    /// Makes the retries due by `now` ready, the earliest first.
    private mutating func wakeRetries(dueBy now: ContinuousClock.Instant) {
        let due = retrying.compactMap { id -> (due: ContinuousClock.Instant, id: LaneID)? in
            guard case .retrying(let time) = lanes[id]?.head, time <= now else { return nil }
            return (time, id)
        }
        for (_, id) in due.sorted(by: { $0.due < $1.due }) {
            retrying.remove(id)
            lanes[id]!.head = .waiting
            ready.append(id)
        }
    }
}

extension KafkaRecordQueue.Record {
    /// The dead letter of this record read from `topic`: a JSON object with sorted keys
    /// (docs/events.md) carrying the value as text, or in base64 when it is not UTF-8.
    func deadLetter(topic: String, error: String, at time: Date) -> [UInt8] {
        let text = String(validating: value, as: UTF8.self)
        var writer = JSONObjectWriter(capacity: value.count + error.utf8.count + 256)
        writer.field("attempts", attempts)
        writer.field("dead_lettered_at", ISO8601Timestamp.string(from: time))
        writer.field("error", error)
        writer.field("offset", Int(position.offset))
        writer.field("partition", Int(position.partition))
        writer.field("topic", topic)
        writer.field("value", text)
        writer.field("value_base64", text == nil ? Data(value).base64EncodedString() : nil)
        writer.field("version", 1)
        return writer.finished()
    }
}
