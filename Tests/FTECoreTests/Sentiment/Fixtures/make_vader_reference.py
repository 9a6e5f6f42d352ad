#!/usr/bin/env python3
"""Writes vader-reference.json: VADER scores of support-style sentences, computed by the real
vaderSentiment 3.3.2 (the wheel scripts/setup.sh caches), for SentimentScorerTests.

    python3 -m zipfile -e ~/.cache/fte/wheels/vaderSentiment-3.3.2-py2.py3-none-any.whl /tmp/vader
    python3 Tests/FTECoreTests/Sentiment/Fixtures/make_vader_reference.py /tmp/vader

The module is used unmodified. The sentences hold no emoji: the Swift scorer reads only
vader_lexicon.txt, not the wheel's emoji lexicon, so emoji are not translated to words there.
"""
import json
import os
import sys

SENTENCES = [
    # Angry
    "This is the worst service I have ever used.",
    "Your app is garbage and I hate it!!!",
    "I am extremely frustrated, nothing works.",
    "Absolutely terrible. I want my money back NOW!",
    "Why is this STILL broken???",
    "I've been waiting for three days and nobody answered. Unacceptable.",
    "This is a complete disaster, fix it immediately!!!!!!",
    "You people are useless.",
    "The export keeps failing and I'm losing my mind",
    "I'm so angry I could scream",
    # Polite, positive
    "Thank you so much for your help, you are amazing!",
    "Thanks, that worked perfectly :)",
    "Great support, really appreciated.",
    "Hi, could you help me reset my password please?",
    "I love the new board view, nice work!",
    "Very helpful answer, thanks a lot.",
    "Cheers, have a good day :D",
    "Good morning! I hope you are well.",
    # Neutral / questions
    "How do I export my boards to CSV?",
    "My invoice number is 4471.",
    "Where can I find the API key?",
    "Is there a way to archive a board??",
    "Can someone explain how the permissions work????",
    "The sync started at 10:42 and finished at 10:45.",
    "",
    "   ",
    "...",
    # Negation
    "The app is not good.",
    "It isn't bad at all.",
    "I don't like the new layout.",
    "This is not working and I'm not happy.",
    "Nothing about this update is helpful.",
    "The search never works.",
    "Your support was never so good!",
    "It was never this easy to set up.",
    "Without a doubt, excellent service.",
    "No problem, I found it.",
    "There is no good reason for this delay.",
    "I wouldn't say it is great.",
    "Not bad, not bad at all",
    "The app is not really good.",
    "NOT GOOD AT ALL!!",
    "I don’t like it.",
    "No, no and no.",
    "No help, no answer, nor any apology.",
    # Boosters and dampeners
    "The new editor is very good.",
    "The mobile app is kind of slow.",
    "It is sort of useful but mostly confusing.",
    "The dashboard is slightly better now.",
    "The reports are barely usable.",
    "The team was incredibly helpful and really kind.",
    "It's a bit annoying but fine.",
    # ALL CAPS
    "The app is VERY slow today.",
    "THIS IS RIDICULOUS",
    "I am SO DISAPPOINTED with this.",
    "Thanks, it WORKS now!",
    "HELP, my data is GONE",
    # But
    "The product is great, but the support is awful.",
    "I was angry at first, but you fixed it quickly, thank you.",
    "Good idea but bad execution, but I still like it.",
    "It works but it is slow and slow and slow.",
    "It is good, good but good.",
    "Nice try but no.",
    # The published loop weighs a repeated value at its first position: these two depend on it.
    "The app is nice, but the docs are just okay.",
    "The docs are clear, but the setup is fine.",
    # Least
    "This is the least helpful answer I have received.",
    "At least the export works.",
    "Very least you could do is reply.",
    # Idioms, slang, emoticons
    "Yeah right, like that will ever happen.",
    "This feature is the bomb!",
    "The login bug is the kiss of death for our team.",
    "lol ok that was dumb of me :(",
    "meh, it's fine I guess :-/",
    "Love it <3",
    "ugh... again?!",
    # Longer messages
    "Hello, I tried to connect Slack yesterday but it keeps failing with an error. "
    "I followed the guide twice. Could you please check what is wrong? Thanks in advance.",
    "I am writing to complain. Your billing charged me twice this month, which is completely "
    "unacceptable, and nobody has answered my three emails. I expect a reply today!",
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_vader_reference.py UNPACKED_WHEEL_DIR")
    sys.path.insert(0, sys.argv[1])
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    cases = []
    for text in SENTENCES:
        scores = analyzer.polarity_scores(text)
        cases.append({
            "text": text,
            "compound": scores["compound"],
            "positive": scores["pos"],
            "neutral": scores["neu"],
            "negative": scores["neg"],
        })
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vader-reference.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"generator": "vaderSentiment 3.3.2", "cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
