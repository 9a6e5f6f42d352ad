import Foundation
import Testing
@testable import FTECore

@Suite struct ChannelDeliveryErrorTests {
    @Test func onlyRetryableErrorsAreRetryable() {
        #expect(ChannelDeliveryError.retryable(reason: "429", retryAfter: .seconds(2)).isRetryable)
        #expect(ChannelDeliveryError.retryable(reason: "429", retryAfter: .seconds(2)).retryAfter == .seconds(2))
        #expect(!ChannelDeliveryError.outsideWhatsAppWindow(reason: "63016").isRetryable)
        #expect(!ChannelDeliveryError.rejected(reason: "400").isRetryable)
        #expect(!ChannelDeliveryError.notConfigured(reason: "FTE_X is not set").isRetryable)
        #expect(ChannelDeliveryError.rejected(reason: "400").retryAfter == nil)
        #expect("\(ChannelDeliveryError.notConfigured(reason: "FTE_X is not set"))"
            == "channel not configured: FTE_X is not set")
    }

    @Test func transportFailuresAreClassified() {
        func classify(_ reason: HTTPClientError.Reason) -> ChannelDeliveryError {
            let error = HTTPClientError(reason, method: .post, url: "https://api.twilio.com/x?token=secret")
            return .transport(error, provider: "Twilio")
        }
        #expect(classify(.timedOut(after: .seconds(30))).isRetryable)
        #expect(classify(.couldNotConnect(host: "api.twilio.com")).isRetryable)
        #expect(classify(.couldNotResolve(host: "api.twilio.com")).isRetryable)
        #expect(classify(.transport(code: 56, message: "Failure when receiving data from the peer")).isRetryable)
        guard case .notConfigured = classify(.invalidRequest("bad URL")) else {
            Issue.record("an unusable request is a configuration problem")
            return
        }
        guard case .rejected = classify(.tooManyRedirects) else {
            Issue.record("too many redirects is rejected")
            return
        }
        #expect(!classify(.timedOut(after: .seconds(30))).reason.contains("secret"))
    }
}
