import Foundation

/// Finds the text of a message in its MIME tree: the first `text/plain` part that is not an
/// attachment (so plain wins inside `multipart/alternative`, and nested `multipart/mixed` and
/// `multipart/related` are walked depth-first), else the first `text/html` part converted to
/// text. Bytes are decoded in the part's `charset` (UTF-8 by default).
public enum EmailBodyExtractor {
    /// The message text before quote and signature removal; nil when no text part has content.
    /// - Throws: ``GmailMessageError`` (``GmailMessageError/Code/undecodableBody``) when the chosen
    ///   part's data is not base64url or not text in its charset.
    public static func text(of root: GmailMessagePart) throws(GmailMessageError) -> String? {
        var plain: GmailMessagePart?
        var html: GmailMessagePart?
        collectTextParts(root, plain: &plain, html: &html)
        if let plain, let text = try decodedText(plain), !text.trimmingWhitespace().isEmpty {
            return text
        }
        if let html, let markup = try decodedText(html) {
            let text = htmlToText(markup)
            return text.isEmpty ? nil : text
        }
        return nil
    }

    /// Converts an HTML body to plain text with the knowledge base's HTML parser: paragraphs
    /// and `<br>` become line breaks, scripts and styles are dropped, entities decoded.
    static func htmlToText(_ html: String) -> String {
        let document = HTMLParser.parse(html, fallbackTitle: "")
        var lines: [String] = []
        var lastHeading: [String] = []
        for section in document.sections {
            if section.headingPath != lastHeading, let heading = section.headingPath.last {
                lines.append(heading)
            }
            lastHeading = section.headingPath
            lines += section.blocks.map(\.text)
        }
        return lines.joined(separator: "\n")
    }

    private static func collectTextParts(
        _ part: GmailMessagePart, plain: inout GmailMessagePart?, html: inout GmailMessagePart?
    ) {
        if part.mimeType.hasPrefix("multipart/") {
            for child in part.parts { collectTextParts(child, plain: &plain, html: &html) }
            return
        }
        guard !part.isAttachment, part.body?.data?.isEmpty == false else { return }
        if part.mimeType == "text/plain", plain == nil { plain = part }
        if part.mimeType == "text/html", html == nil { html = part }
    }

    private static func decodedText(_ part: GmailMessagePart) throws(GmailMessageError) -> String? {
        guard let data = part.body?.data else { return nil }
        guard let bytes = Base64URL.decode(data) else {
            throw GmailMessageError(.undecodableBody, "the \(part.mimeType) part's data is not base64url")
        }
        let charset = EmailHeaders(part.headers).charset
        guard let text = EmailCharset.decode(bytes, charset: charset) else {
            throw GmailMessageError(
                .undecodableBody, "the \(part.mimeType) part is not text in charset \(charset ?? "utf-8")")
        }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }
}
