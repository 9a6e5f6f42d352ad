import Foundation
import Testing
@testable import FTECore

@Suite struct LLMRetryHintTests {
    @Test func millisecondsHeaderComesFirst() {
        #expect(RetryAfter.delay(in: ["retry-after-ms": "250", "Retry-After": "7"]) == .milliseconds(250))
        #expect(RetryAfter.delay(in: ["Retry-After": "7"]) == .seconds(7))
        #expect(RetryAfter.delay(in: ["Retry-After": "1.5"]) == .milliseconds(1500))
        #expect(RetryAfter.delay(in: ["retry-after-ms": "soon", "Retry-After": "2"]) == .seconds(2))
        #expect(RetryAfter.delay(in: [:]) == nil)
        #expect(RetryAfter.delay(in: ["Retry-After": "whenever"]) == nil)
        #expect(RetryAfter.delay(in: ["Retry-After": "-3"]) == nil)
        #expect(RetryAfter.delay(in: ["Retry-After": "1e308"]) == RetryAfter.longest)
    }

    @Test func httpDatesCountFromNow() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-03-01T12:00:00Z"))
        #expect(RetryAfter.delay(in: ["Retry-After": "Sun, 01 Mar 2026 12:00:42 GMT"], now: now) == .seconds(42))
        #expect(RetryAfter.delay(in: ["Retry-After": "Sun, 01 Mar 2026 11:59:00 GMT"], now: now) == .zero)
    }

    @Test func protobufDurations() {
        #expect(RetryAfter.protobufDuration("34s") == .seconds(34))
        #expect(RetryAfter.protobufDuration("1.5s") == .milliseconds(1500))
        #expect(RetryAfter.protobufDuration("0.000001s") == .microseconds(1))
        #expect(RetryAfter.protobufDuration("34") == nil)
        #expect(RetryAfter.protobufDuration("-1s") == nil)
        #expect(RetryAfter.protobufDuration("s") == nil)
    }
}

@Suite struct LLMErrorBodyTests {
    static func gemini429(quotaID: String, retryDelay: String, asArray: Bool) -> Data {
        let error = """
            {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"\(quotaID)"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"\(retryDelay)"}]}}
            """
        return Data((asArray ? "[\(error)]" : error).utf8)
    }

    @Test(arguments: [true, false])
    func geminiBodiesInEitherShape(asArray: Bool) {
        let perMinute = LLMErrorBody(Self.gemini429(quotaID: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                                                    retryDelay: "34s", asArray: asArray))
        #expect(perMinute == LLMErrorBody(message: "You exceeded your current quota.", retryDelay: .seconds(34)))
        let perDay = LLMErrorBody(Self.gemini429(quotaID: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                                                 retryDelay: "1.5s", asArray: asArray))
        #expect(perDay.isQuotaExhausted)
        #expect(perDay.retryDelay == .milliseconds(1500))
    }

    @Test func openAIBodies() {
        let limited = LLMErrorBody(
            Data(#"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#.utf8))
        #expect(limited == LLMErrorBody(message: "Rate limit reached"))
        let broke = LLMErrorBody(Data(#"""
            {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}
            """#.utf8))
        #expect(broke.isQuotaExhausted)
        #expect(LLMErrorBody(Data(#"{"error":"model not found"}"#.utf8)).message == "model not found")
    }

    @Test func otherBodiesGiveTheirTextShortened() {
        #expect(LLMErrorBody(Data("<html>\n  <h1>Bad Gateway</h1>\n</html>".utf8)).message == "<html> <h1>Bad Gateway</h1> </html>")
        #expect(LLMErrorBody(Data()).message == nil)
        let long = LLMErrorBody(Data(String(repeating: "x", count: 1000).utf8)).message ?? ""
        #expect(long.count == 301 && long.hasSuffix("…"))
    }
}
