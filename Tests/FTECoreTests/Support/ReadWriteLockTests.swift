import Foundation
import Testing
@testable import FTECore

@Suite struct ReadWriteLockTests {
    @Test func readersHoldTheLockTogetherAndAWriterAlone() {
        let lock = ReadWriteLock(0)
        let firstInside = DispatchSemaphore(value: 0)
        let secondInside = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            lock.withReadLock { _ in
                _ = firstInside.signal()
                // Only returns in time when the second reader got in while this one holds the lock.
                _ = secondInside.wait(timeout: .now() + 5)
            }
        }
        firstInside.wait()
        let started = Date()
        DispatchQueue.global().async(group: group) {
            lock.withReadLock { _ in _ = secondInside.signal() }
        }
        group.wait()
        #expect(Date().timeIntervalSince(started) < 4)

        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1000 { lock.withWriteLock { $0 += 1 } }
        }
        #expect(lock.withReadLock { $0 } == 8000)
    }
}
