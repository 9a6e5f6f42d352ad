import Testing
@testable import FTECore

@Suite struct OffsetTrackerTests {
    /// A tracker that received `offsets` of partition 0.
    private func tracker(receiving offsets: [Int64], partition: Int32 = 0) -> OffsetTracker {
        var tracker = OffsetTracker()
        for offset in offsets {
            #expect(tracker.receive(offset, in: partition) == true)
        }
        return tracker
    }

    @Test func outOfOrderFinishesCommitOnlyBelowTheLowestUnfinished() {
        var tracker = tracker(receiving: [10, 11, 12, 13, 14])
        #expect(tracker.committable(0) == 10)
        #expect(tracker.uncommitted.isEmpty, "nothing finished: the group already stands at 10")

        #expect(tracker.finish(13, in: 0) == true)
        #expect(tracker.finish(11, in: 0) == true)
        #expect(tracker.committable(0) == 10)
        #expect(tracker.uncommitted.isEmpty)

        #expect(tracker.finish(10, in: 0) == true)
        #expect(tracker.committable(0) == 12, "11 finished too; 12 is the lowest unfinished")
        #expect(tracker.uncommitted == [0: 12])

        #expect(tracker.finish(12, in: 0) == true)
        #expect(tracker.committable(0) == 14)
        #expect(tracker.finish(14, in: 0) == true)
        #expect(tracker.committable(0) == 15, "none unfinished: one past the last finished")
        #expect(tracker.unfinishedCount == 0)
    }

    @Test func gapsInOffsetsAreNotWaitedFor() {
        var tracker = tracker(receiving: [5, 8, 20])
        #expect(tracker.finish(8, in: 0) == true)
        #expect(tracker.committable(0) == 5)
        #expect(tracker.finish(5, in: 0) == true)
        #expect(tracker.committable(0) == 20, "6, 7 and 9–19 were never delivered (compaction, markers)")
        #expect(tracker.finish(20, in: 0) == true)
        #expect(tracker.committable(0) == 21)
    }

    @Test func aRetriedRecordHoldsItsPartitionBackUntilItFinishes() {
        var tracker = tracker(receiving: [0, 1, 2])
        // 0 fails and waits for its retry (it stays unfinished) while 1 and 2 finish.
        #expect(tracker.finish(1, in: 0) == true)
        #expect(tracker.finish(2, in: 0) == true)
        #expect(tracker.committable(0) == 0)
        #expect(tracker.receive(3, in: 0) == true)
        #expect(tracker.finish(3, in: 0) == true)
        #expect(tracker.committable(0) == 0)
        #expect(tracker.finish(0, in: 0) == true)
        #expect(tracker.committable(0) == 4)
    }

    @Test func partitionsAreIndependent() {
        var tracker = OffsetTracker()
        #expect(tracker.receive(0, in: 0) == true)
        #expect(tracker.receive(100, in: 1) == true)
        #expect(tracker.receive(101, in: 1) == true)
        #expect(tracker.finish(100, in: 1) == true)
        #expect(tracker.uncommitted == [1: 101])
        #expect(tracker.committable(0) == 0)
        #expect(tracker.unfinishedCount == 2)
    }

    @Test func commitsAreRememberedAndNeverMoveBack() {
        var tracker = tracker(receiving: [0, 1, 2])
        #expect(tracker.finish(0, in: 0) == true)
        #expect(tracker.uncommitted == [0: 1])
        tracker.committed([0: 1])
        #expect(tracker.uncommitted.isEmpty)
        #expect(tracker.finish(1, in: 0) == true)
        #expect(tracker.uncommitted == [0: 2])
        tracker.committed([0: 1])  // a late report of an older commit
        #expect(tracker.uncommitted == [0: 2])
        tracker.committed([0: 2, 7: 50])  // partition 7 is not tracked
        #expect(tracker.uncommitted.isEmpty)
        #expect(tracker.committable(7) == nil)
    }

    @Test func redeliveriesAndUnknownFinishesAreIgnored() {
        var tracker = tracker(receiving: [3, 4])
        #expect(tracker.receive(4, in: 0) == false)
        #expect(tracker.receive(1, in: 0) == false)
        #expect(tracker.finish(9, in: 0) == false)
        #expect(tracker.finish(3, in: 5) == false)
        #expect(tracker.finish(3, in: 0) == true)
        #expect(tracker.finish(3, in: 0) == false, "finished twice")
        #expect(tracker.unfinishedCount == 1)
        #expect(tracker.committable(0) == 4)
    }

    @Test func aRemovedPartitionStartsAfreshWhenReceivedAgain() {
        var tracker = tracker(receiving: [10, 11, 12])
        #expect(tracker.finish(10, in: 0) == true)
        tracker.remove(0)
        #expect(tracker.committable(0) == nil)
        #expect(tracker.uncommitted.isEmpty)
        #expect(tracker.unfinishedCount == 0)
        // Assigned again, it is read from its last commit (11 here).
        #expect(tracker.receive(11, in: 0) == true)
        #expect(tracker.committable(0) == 11)
        #expect(tracker.uncommitted.isEmpty)
    }
}
