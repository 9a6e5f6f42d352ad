import Foundation
import Testing
@testable import FTECore

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    func response(_ value: String?) -> HTTPClientResponse {
        HTTPClientResponse(status: 429, headers: value.map { ["Retry-After": $0] } ?? [:])
    }

    @Test func readsDelaySeconds() {
        #expect(response("120").retryAfter(now: now) == .seconds(120))
        #expect(response(" 0 ").retryAfter(now: now) == .zero)
    }

    @Test func readsAnHTTPDateRelativeToNow() {
        #expect(response("Sun, 06 Nov 1994 08:50:07 GMT").retryAfter(now: now) == .seconds(30))
        #expect(response("Sun, 06 Nov 1994 08:00:00 GMT").retryAfter(now: now) == .zero)
    }

    @Test func ignoresAbsentAndUnreadableValues() {
        #expect(response(nil).retryAfter(now: now) == nil)
        #expect(response("soon").retryAfter(now: now) == nil)
        #expect(response("-5").retryAfter(now: now) == nil)
        #expect(response("1.5").retryAfter(now: now) == nil)
    }
}
