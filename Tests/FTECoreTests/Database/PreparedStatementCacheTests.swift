@testable import FTECore
import Testing

@Suite struct PreparedStatementCacheTests {
    @Test func namesAreNeverReusedAndLookupsFindRecordedStatements() {
        var cache = PreparedStatementCache(capacity: 4)
        #expect(cache.name(for: "SELECT 1") == nil)
        let first = cache.nextName()
        cache.record("SELECT 1", name: first)
        let second = cache.nextName()
        cache.record("SELECT 2", name: second)
        #expect(first != second)
        #expect(cache.name(for: "SELECT 1") == first)
        cache.remove("SELECT 1")
        #expect(cache.name(for: "SELECT 1") == nil)
        #expect(![first, second].contains(cache.nextName()))
    }

    @Test func theLeastRecentlyUsedIsEvictedOnlyWhenFull() {
        var cache = PreparedStatementCache(capacity: 2)
        cache.record("a", name: cache.nextName())
        #expect(cache.evictionCandidate == nil)
        cache.record("b", name: cache.nextName())
        _ = cache.name(for: "a")
        #expect(cache.evictionCandidate?.sql == "b")
        _ = cache.name(for: "b")
        #expect(cache.evictionCandidate?.sql == "a")
    }

    @Test func capacityZeroNeverEvicts() {
        let cache = PreparedStatementCache(capacity: 0)
        #expect(cache.capacity == 0)
        #expect(cache.evictionCandidate == nil)
    }
}
