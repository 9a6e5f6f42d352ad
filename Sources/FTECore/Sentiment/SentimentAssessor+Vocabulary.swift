/// The words and phrases ``SentimentAssessor`` reads, in the notation of ``PhrasePattern``.
/// Words are lower case. They are categories of support language, not phrases of any one
/// message set: faults, mild dissatisfaction, anger, praise, and the hostile signals.
extension SentimentAssessor {
    enum Vocabulary {
        // MARK: Lexicon adaptation

        /// Words that describe a malfunction rather than a feeling: in a support message they are
        /// the topic, so their VADER valence is damped (a calm bug report is not an angry one).
        static let faultWords: Set<String> = [
            "error", "errors", "fail", "fails", "failed", "failing", "failure", "failures", "crash", "crashes", "crashed",
            "crashing", "broken", "break", "breaks", "breaking", "broke", "bug", "bugs", "buggy", "problem", "problems",
            "issue", "issues", "wrong", "missing", "lost", "lose", "loses", "stuck", "trouble", "troubles", "denied", "deny",
            "rejected", "reject", "rejects", "block", "blocks", "blocked", "warning", "warnings", "fault", "faulty", "delay",
            "delayed", "forbidden", "offline", "conflict", "damage", "damaged", "disappear", "disappeared", "freeze",
            "frozen", "stopped", "stop", "weird", "strange", "odd", "lack", "drop", "dropped", "lag", "restricted",
            "limited", "risk", "hard", "difficult", "difficulty", "unfortunately", "sorry", "bother", "afraid", "confused",
            "confusing", "confusion", "mistake", "mistakes", "miss", "missed", "unable", "declined", "decline", "invalid",
            "expired", "timeout", "outage", "down", "slow", "suspect",
        ]
        /// Dissatisfaction, which a polite complaint carries: damped less than faults.
        static let mildWords: Set<String> = [
            ":(", ":-(", "disappointed", "disappointing", "sad", "unhappy", "frustrated", "frustrating", "annoying",
            "annoyed", "shame", "pity", "worried", "worry", "upset",
        ]
        /// How much of their lexicon valence fault and mild words keep.
        static let faultFactor = 0.25
        static let mildFactor = 0.5
        /// Words whose lexicon valence misleads in support messages ("joke" is positive in VADER).
        static let unscored: Set<String> = ["joke", "jokes"]

        // MARK: Anger and praise

        /// Words of anger or contempt for what the customer got.
        static let angerWords: Set<String> = [
            "terrible", "awful", "horrible", "horrendous", "worst", "hate", "hated", "hates", "furious", "livid", "angry",
            "outraged", "outrageous", "ridiculous", "unacceptable", "pathetic", "useless", "disgusting", "disgraceful",
            "appalling", "shocking", "atrocious", "abysmal", "dreadful", "rubbish", "garbage", "trash", "crap", "scam",
            "incompetent", "incompetence", "insane", "absurd", "lousy", "sucks", "disgrace", "joke", "nightmare", "disaster",
        ]
        /// Praise, whose valence sarcasm turns around.
        static let praiseWords: Set<String> = [
            "great", "fantastic", "wonderful", "brilliant", "amazing", "awesome", "love", "loving", "perfect", "excellent",
            "superb", "helpful", "thanks", "thank", "appreciate", "smart", "nice", "well",
        ]
        /// Evaluative praise (not plain thanks): beside an unresolved fault, with no contrast and
        /// no question, it reads as irony ("Three days without payments. Amazing service.").
        static let evaluativePraise: Set<String> = [
            "great", "fantastic", "wonderful", "brilliant", "amazing", "awesome", "love", "perfect", "excellent", "superb",
        ]

        // MARK: Faults and their resolution

        static let faultPhrases = [
            PhrasePattern("not|never|without|doesn't|doesnt|don't|dont|won't|wont|can't|cant|isn't|isnt|didn't|didnt|aren't|arent|cannot work|working|works|load|loading|loads|sync|syncing|syncs|open|opening|opens"),
            PhrasePattern("no longer work|working|works|load|loading|loads|sync|syncing|syncs|open|opening|opens"),
            PhrasePattern("nothing works|loads|is? loading"),
        ]
        static let resolution = [
            PhrasePattern("fixed|solved|resolved|sorted"),
            PhrasePattern("works|working now"),
            PhrasePattern("is|are gone"),
            PhrasePattern("no longer"),
        ]
        static let contrastWords: Set<String> = ["but", "however", "although", "though", "except"]
        static let repetitionWords: Set<String> = ["again", "another", "every"]
        static let courtesyWords: Set<String> = ["please", "pls", "plz", "thanks", "thank", "thx", "hi", "hello", "hey", "dear"]

        // MARK: Sarcasm

        static let sarcasmIdioms = [
            PhrasePattern("thanks|thank a? lot? for nothing"),
            // Thanks for something that did not do its job ("thanks for the answer that didn't answer").
            PhrasePattern("thanks|thank you? for ~4 that|which didn't|doesn't|don't|wasn't|isn't|never|broke|deleted|crashed|failed"),
            PhrasePattern("yeah right"),
            PhrasePattern("so much for"),
        ]
        /// Praise idioms that are ironic next to a fault or a repetition.
        static let ironicPraise = [
            PhrasePattern("oh great|wonderful|brilliant|perfect|fantastic|joy"),
            PhrasePattern("just great|perfect|wonderful"),
            PhrasePattern("love how|that"),
            PhrasePattern("love it when"),
            PhrasePattern("great|nice|good|brilliant job|work"),
            PhrasePattern("well done"),
            PhrasePattern("bravo"),
        ]
        /// Words that, in scare quotes, mock a claim ("the 'improvement'", "'fixed'").
        static let scareQuoted: Set<String> = [
            "improvement", "improvements", "fixed", "fix", "smart", "upgrade", "support", "help", "helpful", "service",
            "feature", "uptime", "new", "update", "solution",
        ]
        static let ironicMarks: Set<Character> = ["🙃", "🙄"]

        // MARK: Hostile signals

        /// What a customer calls the service when they disparage it ("your software is rubbish").
        static let serviceNouns = "software|app|application|service|product|tool|company|support|system|platform|program|update|website"
        static let contempt = [
            PhrasePattern("a|complete|total|absolute|such joke|scam|disgrace|farce|nightmare|mess|circus"),
            PhrasePattern("\(serviceNouns) is|are|was|were|feels|looks|seems ~2 " + angerWords.sorted().joined(separator: "|")),
            PhrasePattern("incompetent|incompetence|scam|clown|clowns|idiot|idiots|amateur|amateurs|disgrace"),
            PhrasePattern("garbage|rubbish|trash software|app|service|tool|company|product"),
        ]
        private static let leave = "cancel|cancelling|canceling|leave|leaving|switch|switching|move|moving"
        /// Leaving a place or a job, not us: removed before looking for threats to leave.
        static let leavingSomethingElse = [
            PhrasePattern("\(leave) the|our|my|this|that|their|his|her office|offices|building|city|country|house|home|address|premises|location|area|company|job|team|position|shop|studio"),
        ]
        static let threatsToLeave = [
            PhrasePattern("\(leave) to? a|an? competitor|competitors|elsewhere"),
            PhrasePattern("\(leave) to? another provider|tool|company|vendor|service|app|platform|system"),
            PhrasePattern("business elsewhere"),
            PhrasePattern("done with you|this|it"),
            PhrasePattern("we're|i'm cancelling|canceling|leaving"),
            PhrasePattern("we|i are|am cancelling|canceling|leaving"),
            PhrasePattern("we'll|i'll cancel|leave|switch"),
            PhrasePattern("we|i will cancel|leave|switch"),
            PhrasePattern("we|i are|am going to cancel|leave|switch"),
            PhrasePattern("we're|i'm going|gonna to? cancel|leave|switch"),
            PhrasePattern("cancel everything"),
            PhrasePattern("had enough"),
            PhrasePattern("fed up"),
            PhrasePattern("sick and? tired? of"),
        ]
        private static let answered = "bothered|replied|answered|answers|replies|responded|responds|read|reads|care|cares|got"
        static let feelingIgnored = [
            PhrasePattern("nobody|noone ~2 \(answered)"),
            PhrasePattern("no one ~2 \(answered)"),
            PhrasePattern("none of you ~2 \(answered)"),
            PhrasePattern("you|you're ~1 ignoring"),
            PhrasePattern("don't|dont care"),
            PhrasePattern("do not care"),
            PhrasePattern("how many times"),
            PhrasePattern("third|fourth|fifth|3rd|4th|5th|umpteenth|nth time|email|e|message|messages"),
            PhrasePattern("asked|written|wrote|emailed|told|reported you|it|this? twice"),
            PhrasePattern("asked|written|wrote|emailed|told|reported you|it|this? three|four|several|many|multiple times"),
            PhrasePattern("still waiting"),
            PhrasePattern("anyone there"),
            PhrasePattern("are you even? reading"),
            PhrasePattern("do|does anyone|you even read|look|listen"),
            PhrasePattern("ignored|ignoring my|our|every|all ~1 email|emails|message|messages|ticket|tickets|request|requests|calls"),
            PhrasePattern("still nothing"),
            PhrasePattern("still no reply|answer|response|word"),
            PhrasePattern("been waiting"),
            PhrasePattern("every single? week|day|time the same"),
            PhrasePattern("every single? week|day|time something"),
            PhrasePattern("once|yet again the"),
            PhrasePattern("same story|problem|error|bug again|as"),
            // Exasperation.
            PhrasePattern("for the last time"),
            PhrasePattern("enough is enough"),
            PhrasePattern("once and for all"),
        ]
        static let distress = [
            PhrasePattern("panicking|panicing|panic|desperate|desperately"),
            PhrasePattern("freaking out"),
            PhrasePattern("losing my mind"),
            PhrasePattern("in tears"),
            PhrasePattern("don't|dont know what to do"),
            PhrasePattern("losing bookings|customers|clients|sales|money|business|orders|patients"),
            PhrasePattern("clients|customers|patients|guests are? waiting|furious|angry"),
        ]
        static let profanity: Set<String> = [
            "wtf", "ffs", "fuck", "fucking", "fucked", "fck", "shit", "shitty", "bullshit", "crap", "crappy", "damn", "pissed",
        ]

        // MARK: Shouting

        /// Ordinary English words: in capitals they are shouted, where acronyms (API, SSO) are not.
        static let ordinaryWords: Set<String> = [
            "i", "you", "we", "they", "he", "she", "it", "me", "us", "them", "my", "your", "our", "their", "this", "that",
            "these", "those", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "done", "not", "no",
            "never", "nothing", "now", "again", "still", "why", "what", "how", "when", "where", "who", "the", "a", "an",
            "and", "or", "but", "to", "of", "in", "on", "for", "with", "at", "from", "by", "all", "any", "every", "fix",
            "fixed", "work", "works", "working", "need", "want", "get", "give", "stop", "help", "please", "answer",
            "reply", "today", "days", "hours", "weeks", "time", "times", "two", "three", "one", "can", "can't", "cannot",
            "don't", "won't", "isn't", "doesn't", "didn't", "haven't", "even", "just", "so", "very", "really",
        ]
    }
}
