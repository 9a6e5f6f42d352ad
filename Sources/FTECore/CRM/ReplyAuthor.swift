/// Who wrote a reply, as stored in `messages.answered_by`: the model, the built-in responder,
/// or a person (`fte ticket reply`).
public enum ReplyAuthor: String, Sendable, Codable {
    case model, builtin, human
}
