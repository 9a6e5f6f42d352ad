import Testing
@testable import FTECore

@Suite struct DurationMillisecondsTests {
    @Test func wholeMillisecondsRoundDownAndRoundedUpMillisecondsRoundUp() {
        #expect(Duration.microseconds(300).wholeMilliseconds == 0)
        #expect(Duration.microseconds(300).roundedUpMilliseconds == 1)
        #expect(Duration.milliseconds(2).roundedUpMilliseconds == 2)
        #expect(Duration.nanoseconds(2_000_001).roundedUpMilliseconds == 3)
        #expect(Duration.seconds(1.5).wholeMilliseconds == 1_500)
        #expect(Duration.zero.roundedUpMilliseconds == 0)
    }
}
