import FTECore
import Foundation
import Hummingbird
import Synchronization

/// The state and request handler behind ``FakeTwilioServer``.
final class FakeTwilioAccount: Sendable {
    struct State {
        var messages: [FakeTwilioServer.Message] = []
        var requests = 0
        var failures: [FakeTwilioServer.Failure] = []
        /// While set, every authenticated request gets this failure (an outage).
        var outage: FakeTwilioServer.Failure?
        var closedWindows: Set<String> = []
        /// Requests to the Messages list (reconciliation), accepted or not.
        var listRequests = 0
        /// Accepted messages with the same recipient and content as an earlier one.
        var duplicateSends = 0
    }

    let accountSID: String
    let authToken: String
    let whatsAppFrom: String
    let state = Mutex(State())
    /// What runs between accepting the next message and answering.
    let interruption = SendInterruption()

    init(accountSID: String, authToken: String, whatsAppFrom: String) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.whatsAppFrom = whatsAppFrom
    }

    /// `POST /2010-04-01/Accounts/{sid}/Messages.json`.
    func create(_ request: Request, pathAccount: String) async throws -> Response {
        if let refusal = admit(request, pathAccount: pathAccount, counting: \.requests) { return refusal }
        guard request.headers[.contentType]?.hasPrefix(FormURLEncoding.contentType) == true else {
            return Self.error(400, 20001, "Content-Type must be application/x-www-form-urlencoded")
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let form = try? FormURLEncoding.decode(body.readableBytesView) else {
            return Self.error(400, 20001, "Malformed form body")
        }
        return accept(form)
    }

    /// `GET /2010-04-01/Accounts/{sid}/Messages.json`: the Messages list, newest first, filtered
    /// by `To`, `From` and `DateSent` / `DateSent>` / `DateSent<` (a day, `YYYY-MM-DD`, or a
    /// date-time of which Twilio's filter, and so the fake's, keeps the day), at most `PageSize`
    /// (default 50, up to 1000) in one page.
    func list(_ request: Request, pathAccount: String) -> Response {
        if let refusal = admit(request, pathAccount: pathAccount, counting: \.listRequests) { return refusal }
        let query = request.uri.queryParameters
        var filters: [(FakeTwilioServer.Message) -> Bool] = []
        for name in ["To", "From"] {
            if let value = query[Substring(name)].map(String.init) {
                filters.append { (name == "To" ? $0.to : $0.from) == value }
            }
        }
        for (name, keep) in [("DateSent", { (day: String, sent: String) in sent == day }),
                             ("DateSent>", { (day: String, sent: String) in sent >= day }),
                             ("DateSent<", { (day: String, sent: String) in sent <= day })] {
            guard let value = query[Substring(name)].map(String.init) else { continue }
            guard let day = Self.day(of: value) else {
                return Self.error(400, 20001, "Invalid \(name): \(value)")
            }
            filters.append { keep(day, Self.day(Self.isoDate($0.createdAt))) }
        }
        let pageSize = query["PageSize"].flatMap { Int($0) } ?? 50
        guard (1...1000).contains(pageSize) else { return Self.error(400, 20001, "Invalid PageSize") }
        let matching = state.withLock { $0.messages }.filter { message in filters.allSatisfy { $0(message) } }
        let page = Array(matching.reversed().prefix(pageSize))
        let uri = "/2010-04-01/Accounts/\(accountSID)/Messages.json"
        let firstPage = uri + "?PageSize=\(pageSize)&Page=0"
        let nextPage: JSONValue = matching.count > pageSize ? .string(uri + "?PageSize=\(pageSize)&Page=1") : .null
        var body: [String: JSONValue] = ["messages": .array(page.map { JSONValue.object(resourceObject($0)) })]
        body["page"] = .number(0)
        body["page_size"] = .number(Double(pageSize))
        body["start"] = .number(0)
        body["end"] = .number(Double(max(0, page.count - 1)))
        body["uri"] = .string(uri)
        body["first_page_uri"] = .string(firstPage)
        body["previous_page_uri"] = .null
        body["next_page_uri"] = nextPage
        return Self.json(200, body)
    }

    /// Checks the credentials, the account in the path and any scripted failure; counts the
    /// request in `counter`. Returns the error answer, or nil to go on.
    private func admit(_ request: Request, pathAccount: String, counting counter: WritableKeyPath<State, Int>)
        -> Response? {
        let failure: FakeTwilioServer.Failure?? = state.withLock { state in
            state[keyPath: counter] += 1
            guard isAuthorized(request) else { return nil }
            if let outage = state.outage { return .some(outage) }
            return .some(state.failures.isEmpty ? nil : state.failures.removeFirst())
        }
        guard let failure else { return Self.error(401, 20003, "Authenticate") }
        let resource = "/2010-04-01/Accounts/\(pathAccount)/Messages.json"
        guard pathAccount == accountSID else {
            return Self.error(404, 20404, "The requested resource \(resource) was not found")
        }
        switch failure {
        case .tooManyRequests(let seconds):
            return Self.error(429, 20429, "Too Many Requests", retryAfter: seconds)
        case .serverError: return Self.error(500, 20500, "An internal server error has occurred")
        case .unauthorized: return Self.error(401, 20003, "Authenticate")
        case .error(let status, let code, let message): return Self.error(status, code, message)
        case nil: return nil
        }
    }

    /// Validates the fields as Twilio does, then records the message and answers 201.
    private func accept(_ form: [FormField]) -> Response {
        guard let to = form.value(of: "To"), !to.isEmpty else {
            return Self.error(400, 21604, "A 'To' phone number is required.")
        }
        guard to.hasPrefix("whatsapp:+"), let phone = ContactAddress.normalizedPhone(to), "whatsapp:" + phone == to
        else {
            return Self.error(400, 21211, "Invalid 'To' Phone Number: \(to)")
        }
        let from = form.value(of: "From") ?? ""
        guard from == "whatsapp:" + whatsAppFrom else {
            return Self.error(400, 63007, "Twilio could not find a Channel with the specified From address")
        }
        let body = form.value(of: "Body").flatMap { $0.isEmpty ? nil : $0 }
        let contentSID = form.value(of: "ContentSid")
        let variables = form.value(of: "ContentVariables")
        guard body != nil || contentSID != nil else { return Self.error(400, 21602, "Message body is required.") }
        if let body, body.utf16.count > 1600 {
            return Self.error(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
        }
        if let contentSID, !Self.isSID(contentSID, prefix: "HX") {
            return Self.error(400, 21655, "The ContentSid is Invalid.")
        }
        if let variables, !Self.isStringObject(variables) {
            return Self.error(400, 21656, "The ContentVariables Parameter is invalid.")
        }
        let callback = form.value(of: "StatusCallback")
        if let callback, !Self.isCallbackURL(callback) { return Self.error(400, 21609, "Invalid StatusCallback") }
        let windowClosed = state.withLock { $0.closedWindows.contains(phone) }
        if windowClosed, contentSID == nil {
            return Self.error(
                400, TwilioMessagesClient.outsideWindowErrorCode,
                "Failed to send freeform message because you are outside the allowed window. "
                    + "If you are using WhatsApp, please use a Message Template.")
        }
        let message = FakeTwilioServer.Message(
            sid: "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(), to: to, from: from,
            body: body, contentSID: contentSID, contentVariables: variables,
            statusCallback: callback, status: .queued)
        state.withLock { state in
            if state.messages.contains(where: { $0.hasSameContent(as: message) }) { state.duplicateSends += 1 }
            state.messages.append(message)
        }
        var created = resourceObject(message)
        created["status"] = "queued"
        created["date_sent"] = nil
        return Self.json(201, created)
    }

    /// The Message resource JSON, as Twilio's create and list answer it. The fake sends at once,
    /// so `date_sent` is `date_created`.
    private func resourceObject(_ message: FakeTwilioServer.Message) -> [String: JSONValue] {
        let created = Self.rfc2822Date(message.createdAt)
        let uri = "/2010-04-01/Accounts/\(accountSID)/Messages/\(message.sid)"
        return [
            "account_sid": .string(accountSID), "api_version": "2010-04-01", "body": .string(message.body ?? ""),
            "date_created": .string(created), "date_sent": .string(created), "date_updated": .string(created),
            "direction": "outbound-api", "error_code": nil, "error_message": nil, "from": .string(message.from),
            "messaging_service_sid": nil, "num_media": "0", "num_segments": "1", "price": nil,
            "price_unit": nil, "sid": .string(message.sid), "status": .string(message.status.rawValue),
            "subresource_uris": ["media": .string(uri + "/Media.json")], "to": .string(message.to), "uri": .string(uri + ".json"),
        ]
    }

    /// The day (`YYYY-MM-DD`) of a `DateSent` filter value: a day, or a date-time starting with one.
    private static func day(of value: String) -> String? {
        let day = String(value.prefix(10))
        let digits = day.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
        }
        return day.utf8.count == 10 && digits && (value.count == 10 || value.dropFirst(10).hasPrefix("T")) ? day : nil
    }

    private static func day(_ isoDate: String) -> String { String(isoDate.prefix(10)) }

    private static func isoDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private func isAuthorized(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)))
        else { return false }
        return String(decoding: decoded, as: UTF8.self) == "\(accountSID):\(authToken)"
    }

    private static func isSID(_ sid: String, prefix: String) -> Bool {
        sid.utf8.count == 34 && sid.hasPrefix(prefix) && sid.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    private static func isStringObject(_ json: String) -> Bool {
        let object = (try? JSONValue(parsing: json))?.objectValue
        return object?.values.allSatisfy { $0.stringValue != nil } ?? false
    }

    /// An absolute http(s) URL whose host has no underscore.
    private static func isCallbackURL(_ text: String) -> Bool {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), let host = url.host,
            !host.isEmpty
        else { return false }
        return !host.contains("_")
    }

    static func error(_ status: Int, _ code: Int, _ message: String, retryAfter: Int? = nil) -> Response {
        var response = json(status, [
            "code": .number(Double(code)), "message": .string(message),
            "more_info": .string("https://www.twilio.com/docs/errors/\(code)"), "status": .number(Double(status)),
        ])
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if status == 401 { response.headers[.wwwAuthenticate] = "Basic realm=\"Twilio API\"" }
        return response
    }

    static func json(_ status: Int, _ object: [String: JSONValue]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONValue.object(object).jsonData)))
    }

    private static func rfc2822Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
