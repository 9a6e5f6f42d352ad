extension ConfigKey {
    /// The VADER lexicon of the local sentiment scorer.
    public static let sentimentLexicon = ConfigKey(
        "FTE_SENTIMENT_LEXICON", "VADER lexicon file (default: $FTE_MODEL_HOME or ~/.local/share/fte/models, /vader/vader_lexicon.txt)")
}
