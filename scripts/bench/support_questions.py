#!/usr/bin/env python3
"""Deterministic customer questions and colleagues' answers for the `fte report` and
`fte kb candidates suggest` benchmarks.

Usage: support_questions.py OUT.tsv COUNT [TOPICS]

Writes COUNT lines `topic<TAB>question<TAB>answer`: TOPICS support topics (default 400), each
asked in many wordings (openers, phrasings, details, greetings, sign-offs, personal data, typos),
so most lines are distinct texts, as real customers' are, while the questions of one topic are
paraphrases of each other. Tabs and newlines inside texts are written as \\t and \\n escapes
(PostgreSQL COPY text format).
"""
import random
import sys

SUBJECTS = ["board", "workspace", "card", "sprint", "report", "invoice", "seat", "guest", "label", "template",
            "automation", "calendar", "webhook", "API token", "dashboard", "timeline", "checklist", "comment",
            "attachment", "notification", "export", "import", "integration", "permission", "custom field"]
ACTIONS = ["archive", "duplicate", "rename", "share", "lock", "restore", "move", "print", "filter", "sort",
           "colour-code", "pin", "merge", "schedule", "translate", "embed", "subscribe to", "hide", "recover", "copy"]
PLACES = ["on the mobile app", "in the desktop app", "from the browser", "on iPad", "for the whole team",
          "for a single project", "without admin rights", "on the free plan", "offline", "via the API"]
ASK = [
    "How do I {a} a {s} {p}?", "Is it possible to {a} a {s} {p}?", "Can I {a} my {s} {p}?",
    "What is the way to {a} a {s} {p}?", "Where can I {a} a {s} {p}?", "I can't find how to {a} a {s} {p}.",
    "Is there an option to {a} {s}s {p}?", "Please tell me how to {a} a {s} {p}.", "how can i {a} a {s} {p}",
    "Any way to {a} a {s} {p}?", "I need to {a} a {s} {p}, how?", "Does Nimbus Boards let me {a} a {s} {p}?",
]
CONTEXT = ["", "", "", " We are a team of {n}.", " It worked last week.", " My manager asked for it.", " This is urgent.",
           " I looked in the help centre but found nothing.", " We use it every day.", " I'm new to Nimbus."]
GREETING = ["", "", "Hi,\n\n", "Hello team,\n\n", "Dear support,\n", "Hey! ", "Good morning,\n"]
SIGNOFF = ["", "", "\n\nThanks,\n{name}", "\n\nBest regards,\n{name}\n{company}", "\n\nSent from my iPhone",
           "\n\n-- \n{name} | {company} | {phone}", " Thanks!"]
DETAIL = ["", "", "", " My email is {email}.", " Call me at {phone}.", " Order {order}."]
NAMES = ["Jane Doe", "Omar Haddad", "Li Wei", "María García", "Jürgen Müller", "Aisha Bello", "Tom Jensen", "Priya Nair"]
COMPANIES = ["Acme Inc.", "Globex", "Initech GmbH", "Umbrella SA", "Hooli", "Soylent Ltd"]


def topics(count, rng):
    seen, result = set(), []
    while len(result) < count:
        key = (rng.choice(ACTIONS), rng.choice(SUBJECTS), rng.choice(PLACES))
        if key not in seen:
            seen.add(key)
            result.append(key)
    return result


def question(topic, rng):
    action, subject, place = topic
    name = rng.choice(NAMES)
    fill = dict(a=action, s=subject, p=place, n=rng.randint(3, 400), name=name, company=rng.choice(COMPANIES),
                email=name.split()[0].lower() + f"{rng.randint(1, 999)}@example.com",
                phone=f"+1 415 555 {rng.randint(0, 9999):04d}", order=f"#{rng.randint(10000, 999999)}")
    text = (rng.choice(GREETING) + rng.choice(ASK) + rng.choice(CONTEXT) + rng.choice(DETAIL) + rng.choice(SIGNOFF)).format(**fill)
    if rng.random() < 0.1:  # a typo
        i = rng.randrange(1, len(text) - 1)
        text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


def answer(topic, rng):
    action, subject, place = topic
    steps = rng.randint(2, 4)
    body = f"To {action} a {subject} {place}, open the {subject} menu (the three dots), choose {action.capitalize()} and confirm."
    if steps > 2:
        body += f"\n1. Open the {subject}.\n2. Click the three dots.\n3. Choose {action.capitalize()}."
    return rng.choice(["Hi,\n\n", "Hello {name},\n\n", ""]).format(name=rng.choice(NAMES).split()[0]) + body + rng.choice(
        ["\n\nBest,\nAna\nNimbus Support", "\n\nKind regards,\nSupport team", ""])


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    topic_count = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    rng = random.Random(19)
    all_topics = topics(topic_count, rng)
    # Popular topics are asked far more often (Zipf-like), as in real support.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(topic_count)]
    with open(out, "w") as handle:
        for _ in range(count):
            index = rng.choices(range(topic_count), weights)[0]
            topic = all_topics[index]
            handle.write(f"{index}\t{escape(question(topic, rng))}\t{escape(answer(topic, rng))}\n")


if __name__ == "__main__":
    main()
