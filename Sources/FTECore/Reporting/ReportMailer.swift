import Foundation

/// Sends a ``SupportReport`` from the support mailbox through the Gmail API: one
/// `multipart/alternative` message per recipient, the text summary as the plain part and the
/// HTML page (charts inline) as the rich one.
public struct ReportMailer: Sendable {
    let gmail: GmailAPIClient
    /// The support mailbox the report is sent from (`FTE_GMAIL_ADDRESS`).
    let mailbox: String
    let composer: EmailComposer

    public init(gmail: GmailAPIClient, mailbox: String, composer: EmailComposer = EmailComposer()) {
        self.gmail = gmail
        self.mailbox = mailbox
        self.composer = composer
    }

    /// The subject line: `Support report: 2026-12-04 06:00 → 2026-12-05 06:00 UTC (24 h) · all channels`.
    public static func subject(_ report: SupportReport) -> String {
        "Support report: " + SupportReport.Figures.period(report.period)
    }

    /// Sends `report` to each of `recipients`, in order.
    /// - Returns: the messages Gmail accepted.
    /// - Throws: ``ChannelDeliveryError`` (a refused address before anything is sent; Gmail's
    ///   refusal or an outage while sending).
    public func send(_ report: SupportReport, to recipients: [String]) async throws -> [GmailSentMessage] {
        let from = EmailMailbox(name: "fte report", address: mailbox)
        let text = report.text(), html = report.html(), subject = Self.subject(report)
        // Every message is composed (and every address checked) before the first is sent.
        let messages = try recipients.map { recipient throws(ChannelDeliveryError) in
            try composer.newMessage(from: from, to: EmailMailbox(name: nil, address: recipient), subject: subject, text: text, html: html)
        }
        var sent: [GmailSentMessage] = []
        for message in messages { sent.append(try await gmail.send(rawMessage: message.raw, threadID: nil)) }
        return sent
    }
}
