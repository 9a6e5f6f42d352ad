/// A message Twilio accepted: its SID and its initial status (`queued`, or `accepted` with a
/// Messaging Service). Later statuses arrive as ``TwilioStatusCallback``s.
public struct TwilioSentMessage: Sendable, Equatable {
    /// The Message SID (`SM` or `MM` and 32 hex digits), which status callbacks name.
    public var sid: String
    /// The status Twilio reported; `queued` when it sent one this version does not know.
    public var status: TwilioMessageStatus

    public init(sid: String, status: TwilioMessageStatus) {
        self.sid = sid
        self.status = status
    }

    /// The Message resource of a successful create; nil without a valid `sid`.
    init?(response: HTTPClientResponse) {
        struct Resource: Decodable {
            var sid: String
            var status: String?
        }
        guard let resource = try? response.decodeJSON(Resource.self),
            TwilioSID.isValid(resource.sid, prefix: "SM") || TwilioSID.isValid(resource.sid, prefix: "MM")
        else { return nil }
        sid = resource.sid
        status = resource.status.flatMap { TwilioMessageStatus(rawValue: $0.lowercased()) } ?? .queued
    }
}
