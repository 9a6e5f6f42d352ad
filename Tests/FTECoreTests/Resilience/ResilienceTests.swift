import Synchronization
import Testing
@testable import FTECore

@Suite struct BackoffTests {
    @Test func ceilingGrowsExponentiallyUpToTheMaximum() {
        let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(8), multiplier: 2)
        #expect(backoff.ceiling(beforeRetry: 1) == .milliseconds(500))
        #expect(backoff.ceiling(beforeRetry: 2) == .seconds(1))
        #expect(backoff.ceiling(beforeRetry: 4) == .seconds(4))
        #expect(backoff.ceiling(beforeRetry: 6) == .seconds(8))
        #expect(backoff.ceiling(beforeRetry: 500) == .seconds(8))
    }

    @Test func delaysAreJitteredWithinTheCeiling() {
        let backoff = Backoff(initial: .seconds(1), maximum: .seconds(10))
        let delays = (0..<200).map { _ in backoff.delay(beforeRetry: 3) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .seconds(4) })
        #expect(Set(delays.map { $0.components.attoseconds }).count > 100)
    }

    @Test func usableServerHintsWinAndOthersAreIgnored() {
        let backoff = Backoff(initial: .milliseconds(10), maximum: .milliseconds(10))
        #expect(backoff.delay(beforeRetry: 1, hint: .seconds(34)) == .seconds(34))
        #expect(backoff.delay(beforeRetry: 1, hint: .seconds(3600)) <= .milliseconds(10))
        #expect(backoff.delay(beforeRetry: 1, hint: .zero) <= .milliseconds(10))
        #expect(backoff.delay(beforeRetry: 1, hint: nil) <= .milliseconds(10))
    }
}

@Suite struct CircuitBreakerTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        func now() -> ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    @Test func opensAfterConsecutiveFailuresAndAdmitsOneTrialAfterThePause() {
        let clock = ManualClock()
        let breaker = CircuitBreaker(
            name: "twilio", configuration: .init(failureThreshold: 3, openDuration: .seconds(30)), now: clock.now)
        breaker.recordFailure()
        breaker.recordFailure()
        #expect(breaker.allowsCall())
        breaker.recordFailure()
        #expect(breaker.state == .open)
        #expect(!breaker.allowsCall())

        clock.advance(by: .seconds(31))
        #expect(breaker.state == .halfOpen)
        #expect(breaker.allowsCall())
        #expect(!breaker.allowsCall(), "only one trial call while half-open")
        breaker.recordFailure()
        #expect(breaker.state == .open, "a failed trial reopens at once")

        clock.advance(by: .seconds(31))
        #expect(breaker.allowsCall())
        breaker.recordSuccess()
        #expect(breaker.state == .closed)
        #expect(breaker.allowsCall() && breaker.allowsCall())
    }

    @Test func aSuccessResetsTheFailureCount() {
        let breaker = CircuitBreaker(name: "llm", configuration: .init(failureThreshold: 2))
        breaker.recordFailure()
        breaker.recordSuccess()
        breaker.recordFailure()
        #expect(breaker.state == .closed)
        breaker.recordFailure()
        #expect(breaker.state == .open)
    }
}
