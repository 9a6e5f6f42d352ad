/// The phrases by which a draft claims an action, in the notation of ``PhrasePattern`` (prices
/// are found by ``PriceScanner``). Words are lower case.
extension ReplyChecks {
    enum Vocabulary {
        private static let handedOn = "escalated|forwarded|transferred|passed|handed"
        private static let adverb = "now|already|just|also|successfully"
        private static let people =
            "human|support|specialist|specialists|colleague|colleagues|agent|agents|representative|team|member|members|expert|experts"

        static let claims: [(AgentAction, [PhrasePattern])] = [
            (.escalated, [
                PhrasePattern("i|we have|had \(adverb)? \(handedOn)"),
                PhrasePattern("i've|we've|i'd|we'd \(adverb)? \(handedOn)"),
                PhrasePattern("has|have|had|it's|that's|was|were \(adverb)? been \(handedOn)"),
                PhrasePattern("i|we am|are \(adverb)? escalating|forwarding|transferring"),
                PhrasePattern("i'm|we're \(adverb)? escalating|forwarding|transferring"),
                PhrasePattern("a|an|our|one ~2 \(people) ~2 will|shall contact|reach|call|email|get|follow|reply|respond|look"),
                PhrasePattern("a|an|our|one ~2 \(people) ~2 will|shall be in touch|contact"),
                PhrasePattern("someone|somebody will|shall contact|reach|call|email|get|follow|reply|respond|look"),
                PhrasePattern("we will|shall get|circle|come back"),
                PhrasePattern("we'll get|circle|come back"),
                PhrasePattern("we will|shall reach|follow out|up"),
                PhrasePattern("we'll reach|follow out|up"),
                PhrasePattern("we will|shall be in touch"),
                PhrasePattern("we'll be in touch"),
            ]),
            (.refunded, [
                PhrasePattern("i|we have|had \(adverb)? refunded|reimbursed"),
                PhrasePattern("i've|we've \(adverb)? refunded|reimbursed"),
                PhrasePattern("i|we will|shall refund|reimburse"),
                PhrasePattern("i'll|we'll refund|reimburse"),
                PhrasePattern("refund|refunds|reimbursement has|have|had|was|were \(adverb)? been? processed|issued|approved|initiated|completed|sent|granted"),
                PhrasePattern("i|we|i've|we've|have|has \(adverb)? processed|issued|approved|initiated|granted|sent ~2 refund|refunds|reimbursement"),
            ]),
            (.followUpScheduled, [
                PhrasePattern("i will|shall follow up"),
                PhrasePattern("i'll follow up"),
                PhrasePattern("i will|shall get|circle|come|check back"),
                PhrasePattern("i'll get|circle|come|check back"),
                PhrasePattern("i will|shall reach out"),
                PhrasePattern("i'll reach out"),
                PhrasePattern("i will|shall keep you updated|posted|informed"),
                PhrasePattern("i'll keep you updated|posted|informed"),
            ]),
            (.ticketCreated, [
                PhrasePattern("i|we|i've|we've have|had? \(adverb)? created|opened|raised|logged|filed ~2 ticket|case"),
                PhrasePattern("ticket|case has|have|had|was \(adverb)? been? created|opened|raised|logged|filed"),
            ]),
        ]
    }
}
