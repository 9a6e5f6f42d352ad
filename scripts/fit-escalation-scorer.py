#!/usr/bin/env python3
"""Fit and measure the learned escalation scorer (issue 18; docs/agent-rules.md, "The learned scorer").

Reads the features the product computes (EscalationFeatures: the rules' outputs and the local
all-MiniLM-L6-v2 vector of each labelled message), dumped by the Swift test
EscalationFeatureDump. Per reason a support-vector machine with an RBF kernel on the standardised
[embedding, rule features], its decision value turned into a probability by Platt scaling; the
decision combines the rules with it (the model may add a reason the rules missed at `add` or
above, or veto one they gave below `veto`). `--model lr` runs the earlier logistic regression
for comparison (lopo only).

  scripts/fit-escalation-scorer.py dump  [--parts a.jsonl,b.jsonl] [--out F]   # run the Swift dump
  scripts/fit-escalation-scorer.py lopo  [--features F] [--parts a,b] [--model svm|lr] [--sentence-max]  # leave-one-part-out table
  scripts/fit-escalation-scorer.py write [--features F]       # train on all parts, write the weights
  scripts/fit-escalation-scorer.py measure --features G       # the committed weights on other parts

Needs numpy and scikit-learn (`.local/venv/bin/pip install numpy scikit-learn`), and for `dump`
a test build (`swift build --build-tests`) and the models from scripts/setup.sh.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REASONS = ["legal_matter", "human_requested", "refund_request", "pricing_inquiry", "negative_sentiment"]
PARTS = ["tuning.jsonl", "held-out.jsonl", "held-out-2.jsonl", "held-out-3.jsonl", "held-out-4.jsonl", "held-out-5.jsonl",
         "held-out-6.jsonl", "held-out-7.jsonl", "held-out-8.jsonl", "kb-questions.jsonl"]
WEIGHTS = os.path.join(ROOT, "Sources/FTECore/Agent/Guardrails/EscalationScorer+Weights.swift")
FIXTURE = os.path.join(ROOT, "Tests/FTECoreTests/Agent/Fixtures/escalation-scorer-reference.json")
DEFAULT_FEATURES = os.path.join(ROOT, ".local/escalation-features.jsonl")

# Regularisation (inverse strength) and the decision thresholds. They were chosen on the
# leave-one-part-out table (`lopo --sweep`); `lopo --nested` measures the whole procedure,
# the choice made again inside each fold's five training parts (docs/agent-rules.md).
C = 3.0
ADD = 0.5
VETO = 0.5
MODEL = "svm"
# The logistic regression's regularisation, for `lopo --model lr` (the shipped model until 2026-12-08).
LR_C = 0.1
GRID_C = (0.3, 1.0, 3.0, 10.0)  # for the SVM; (0.01, 0.03, 0.1, 0.3, 1.0) for `--model lr`
GRID_THRESHOLDS = [(a, v) for a in (0.5, 0.7, 0.85) for v in (0.5, 0.3, 0.15, 0.0)]
SEED_DIGITS = 7


def load(path):
    with open(path, encoding="utf-8") as f:
        header = json.loads(f.readline())
        rows = [json.loads(line) for line in f if line.strip()]
    return header["feature_names"], rows


# Experiment (`lopo --sentence-max`): beside the message's vector, the element-wise maximum of
# its sentences' vectors (the dump writes them), so one sentence's anger or request is not
# averaged away in a long e-mail. Not used by the product (docs/agent-rules.md has the figures).
SENTENCE_MAX = False


def matrix(rows):
    if SENTENCE_MAX:
        return np.array([r["embedding"] + np.max(np.array(r["sentences"] or [r["embedding"]]), axis=0).tolist()
                         + r["features"] for r in rows], dtype=np.float64)
    return np.array([r["embedding"] + r["features"] for r in rows], dtype=np.float64)


def labels(rows, reason):
    return np.array([1 if reason in r["expect"] else 0 for r in rows])


class SVMModels:
    """Per reason an RBF support-vector machine over the standardised features, with Platt scaling.
    The support vectors of all reasons are kept once (`vectors`, one row per vector, in int8 with a
    scale per feature, as the product stores them); `coefficients[reason]` has one dual
    coefficient per kept vector (0 where the vector is not one of that reason's)."""

    def __init__(self, rows, c=C):
        from sklearn.svm import SVC
        warnings.filterwarnings("ignore", category=FutureWarning)  # SVC(probability=True), deprecated in 1.9
        x = matrix(rows)
        self.mean, self.scale = x.mean(axis=0), x.std(axis=0)
        self.scale[self.scale < 1e-6] = 1.0
        z = (x - self.mean) / self.scale
        fitted = {}
        for reason in REASONS:
            model = SVC(C=c, kernel="rbf", gamma="scale", probability=True, class_weight="balanced", random_state=0)
            model.fit(z, labels(rows, reason))
            fitted[reason] = model
        self.gamma = float(fitted[REASONS[0]]._gamma)  # the same for every reason: one matrix
        kept = sorted(set().union(*(set(m.support_.tolist()) for m in fitted.values())))
        position = {row: i for i, row in enumerate(kept)}
        vectors = z[kept]
        self.quantum = np.maximum(np.abs(vectors).max(axis=0), 1e-6) / 127
        self.codes = np.clip(np.rint(vectors / self.quantum), -127, 127).astype(np.int8)
        self.vectors = self.codes.astype(np.float64) * self.quantum
        self.reasons = {}
        for reason, model in fitted.items():
            coefficients = np.zeros(len(kept))
            for support, dual in zip(model.support_, model.dual_coef_[0]):
                coefficients[position[support]] = dual
            # libsvm calibrates P(class 0) = 1 / (1 + exp(A·d + B)) on its own decision value d,
            # which is −decision_function for two classes; so P(class 1) = 1 / (1 + exp(A·f − B)).
            self.reasons[reason] = {"coefficients": coefficients, "bias": float(model.intercept_[0]),
                                    "platt_a": float(model.probA_[0]), "platt_b": -float(model.probB_[0])}

    def probabilities(self, rows):
        z = (matrix(rows) - self.mean) / self.scale
        squared = (z * z).sum(axis=1)[:, None] + (self.vectors * self.vectors).sum(axis=1)[None, :] - 2 * z @ self.vectors.T
        kernel = np.exp(-self.gamma * np.maximum(squared, 0))
        result = {}
        for reason, m in self.reasons.items():
            decision = kernel @ m["coefficients"] + m["bias"]
            result[reason] = 1 / (1 + np.exp(m["platt_a"] * decision + m["platt_b"]))
        return result


class LogisticModels:
    def __init__(self, rows, c=LR_C):
        self.models = fit_logistic(rows, c)

    def probabilities(self, rows):
        return probabilities(self.models, rows)


def fit(rows, c=None):
    """The configured model kind (MODEL) trained on `rows`."""
    if MODEL == "svm":
        return SVMModels(rows, C if c is None else c)
    return LogisticModels(rows, LR_C if c is None else c)


def fit_logistic(rows, c=LR_C):
    """Per reason: standardised features, L2 logistic regression; weights folded back onto raw features."""
    x = matrix(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    models = {}
    for reason in REASONS:
        y = labels(rows, reason)
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
        model.fit(z, y)
        w = model.coef_[0] / scale
        b = model.intercept_[0] - float(np.dot(model.coef_[0], mean / scale))
        models[reason] = (w, b)
    return models


def probabilities(models, rows):
    x = matrix(rows)
    return {reason: 1 / (1 + np.exp(-(x @ w + b))) for reason, (w, b) in models.items()}


def decide(rule_reasons, p, i, add=ADD, veto=VETO):
    chosen = set()
    for reason in REASONS:
        prob = p[reason][i]
        if reason in rule_reasons:
            if prob >= veto:
                chosen.add(reason)
        elif prob >= add:
            chosen.add(reason)
    return chosen


def accuracy(rows, decisions):
    right = sum(1 for r, d in zip(rows, decisions) if set(r["expect"]) == d)
    return right, len(rows)


def lopo(rows, c=None, policies=None, parts=PARTS):
    """Leave-one-part-out: for each part, train on the others and decide on it."""
    policies = policies or {"combined": (ADD, VETO)}
    table = []
    for part in parts:
        train = [r for r in rows if r["part"] != part]
        test = [r for r in rows if r["part"] == part]
        p = fit(train, c).probabilities(test)
        line = {"part": part, "n": len(test), "rules": accuracy(test, [set(r["rules"]) for r in test])[0]}
        for name, (add, veto) in policies.items():
            line[name] = accuracy(test, [decide(set(r["rules"]), p, i, add, veto) for i, r in enumerate(test)])[0]
        table.append(line)
    return table


def nested(rows):
    """Leave-one-part-out where C and the thresholds are chosen by an inner leave-one-part-out
    on the five training parts only: the honest figure for the procedure, choice included."""
    table = []
    for part in PARTS:
        train = [r for r in rows if r["part"] != part]
        test = [r for r in rows if r["part"] == part]
        best = None
        for c in GRID_C:
            inner_probs = []
            for inner in sorted(set(r["part"] for r in train)):
                fold = [r for r in train if r["part"] != inner]
                held = [r for r in train if r["part"] == inner]
                inner_probs.append((held, fit(fold, c).probabilities(held)))
            for add, veto in GRID_THRESHOLDS:
                right = sum(accuracy(h, [decide(set(r["rules"]), p, i, add, veto) for i, r in enumerate(h)])[0]
                            for h, p in inner_probs)
                if best is None or right > best[0]:
                    best = (right, c, add, veto)
        _, c, add, veto = best
        p = fit(train, c).probabilities(test)
        table.append({"part": part, "n": len(test), "rules": accuracy(test, [set(r["rules"]) for r in test])[0],
                      "nested": accuracy(test, [decide(set(r["rules"]), p, i, add, veto) for i, r in enumerate(test)])[0],
                      "choice": f"C={c} add>={add} veto<{veto}"})
    for line in table:
        print(f"{line['part']}: {line['choice']}")
    for line in table:
        del line["choice"]
    print_table(table)


def print_table(table):
    names = [k for k in table[0] if k not in ("part", "n")]
    print("| part | n | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    totals = {k: 0 for k in names}
    n = 0
    for line in table:
        n += line["n"]
        cells = []
        for k in names:
            totals[k] += line[k]
            cells.append(f"{line[k]} ({100 * line[k] / line['n']:.1f} %)")
        print(f"| {line['part']} | {line['n']} | " + " | ".join(cells) + " |")
    print(f"| all | {n} | " + " | ".join(f"{totals[k]} ({100 * totals[k] / n:.1f} %)" for k in names) + " |")


def command_dump(args):
    env = dict(os.environ, FTE_ESCALATION_FEATURES_OUT=os.path.abspath(args.out))
    if args.parts:
        env["FTE_ESCALATION_FEATURES_PARTS"] = args.parts
    subprocess.run(["swift", "test", "--skip-build", "--filter", "EscalationFeatureDump"], cwd=ROOT, env=env, check=True)
    print(f"wrote {args.out}")


def command_lopo(args):
    global SENTENCE_MAX, MODEL
    SENTENCE_MAX = args.sentence_max
    MODEL = args.model
    parts = args.parts.split(",") if args.parts else PARTS
    _, rows = load(args.features)
    rows = [r for r in rows if r["part"] in parts]
    c = C if MODEL == "svm" else LR_C
    print(f"{MODEL} C={c}, add>={ADD}, veto<{VETO}{', sentence maximum' if SENTENCE_MAX else ''}; parts {', '.join(parts)}")
    policies = {"combined": (ADD, VETO), "model alone": (0.5, 0.5), "add only": (ADD, 0.0), "veto only": (1.01, VETO)}
    print_table(lopo(rows, c, policies, parts))
    if args.sweep:
        for c in GRID_C:
            print(f"\nC={c}")
            print_table(lopo(rows, c, {f"add>={a} veto<{v}": (a, v) for a, v in GRID_THRESHOLDS}))
    if args.nested:
        print("\nnested choice")
        nested(rows)


def number(x):
    return float(f"{x:.{SEED_DIGITS}g}")


def command_write(args):
    names, rows = load(args.features)
    rows = [r for r in rows if r["part"] in PARTS]
    svm = SVMModels(rows)
    dimension = len(rows[0]["embedding"])
    weights = {
        "format": 2,
        "model": "rbf_svm",
        "trained_on": PARTS,
        "messages": len(rows),
        "embedding_model": "all-MiniLM-L6-v2",
        "dimension": dimension,
        "rule_features": names,
        "c": C,
        "gamma": number(svm.gamma),
        "mean": [number(v) for v in svm.mean],
        "scale": [number(v) for v in svm.scale],
        "quantum": [number(v) for v in svm.quantum],
        "support_vectors": len(svm.codes),
        # row after row, one signed byte per feature (value = byte × quantum), base64
        "codes": base64.b64encode(svm.codes.tobytes()).decode("ascii"),
        "reasons": {
            reason: {"add": ADD, "veto": VETO, "bias": number(m["bias"]), "platt_a": number(m["platt_a"]),
                     "platt_b": number(m["platt_b"]), "coefficients": [number(v) for v in m["coefficients"]]}
            for reason, m in svm.reasons.items()
        },
    }
    text = json.dumps(weights, separators=(",", ":"))
    with open(WEIGHTS, "w", encoding="utf-8") as f:
        f.write("// Generated by scripts/fit-escalation-scorer.py write: do not edit (docs/agent-rules.md,\n")
        f.write("// \"The learned scorer\", says how to retrain). Per reason an RBF support-vector machine on the\n")
        f.write("// standardised EscalationFeatures (the embedding, then the rule features named in rule_features),\n")
        f.write("// with Platt scaling; the support vectors of all reasons once, in int8 (codes, base64).\n\n")
        f.write("extension EscalationScorer {\n")
        f.write("    /// The trained model, as JSON.\n")
        f.write('    static let trainedWeights = #"""\n')
        f.write(text + "\n")
        f.write('"""#\n}\n')
    # A few messages with the probabilities the script computes from the stored (rounded) model,
    # for the Swift test that inference reproduces them.
    p = committed_models().probabilities(rows)
    uncertain = [i for i in range(len(rows)) if any(0.1 < p[r][i] < 0.9 for r in REASONS)]
    confident = [i for i, r in enumerate(rows) if r["expect"]]
    picks = [0, 1] + uncertain[::max(1, len(uncertain) // 6)][:6] + confident[::max(1, len(confident) // 4)][:4]
    cases = [{"id": rows[i]["id"], "part": rows[i]["part"],
              "probabilities": {r: float(p[r][i]) for r in REASONS}} for i in sorted(set(picks))]
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump({"cases": cases}, f, indent=1)
        f.write("\n")
    right, n = accuracy(rows, [decide(set(r["rules"]), p, i) for i, r in enumerate(rows)])
    print(f"wrote {WEIGHTS} ({len(text)} bytes, {len(svm.codes)} support vectors) and {FIXTURE}; in sample: {right}/{n}")


class StoredModels:
    """The committed model, computed as the product computes it."""

    def __init__(self, weights):
        self.mean, self.scale = np.array(weights["mean"]), np.array(weights["scale"])
        self.gamma = weights["gamma"]
        codes = np.frombuffer(base64.b64decode(weights["codes"]), dtype=np.int8)
        quantum = np.array(weights["quantum"])
        self.vectors = codes.reshape(weights["support_vectors"], len(quantum)).astype(np.float64) * quantum
        self.reasons = {r: dict(m, coefficients=np.array(m["coefficients"])) for r, m in weights["reasons"].items()}

    probabilities = SVMModels.probabilities


def committed_models():
    with open(WEIGHTS, encoding="utf-8") as f:
        text = f.read()
    start = text.index('#"""\n') + 5
    return StoredModels(json.loads(text[start:text.index('\n"""#')]))


def command_measure(args):
    _, rows = load(args.features)
    p = committed_models().probabilities(rows)
    for part in sorted(set(r["part"] for r in rows)):
        idx = [i for i, r in enumerate(rows) if r["part"] == part]
        sub = [rows[i] for i in idx]
        rules = accuracy(sub, [set(r["rules"]) for r in sub])[0]
        combined = accuracy(sub, [decide(set(rows[i]["rules"]), p, i) for i in idx])[0]
        print(f"{part}: {len(sub)} messages, rules {rules} ({100 * rules / len(sub):.1f} %), "
              f"combined {combined} ({100 * combined / len(sub):.1f} %)")
        for i in idx:
            d = decide(set(rows[i]["rules"]), p, i)
            if set(rows[i]["expect"]) != d or set(rows[i]["rules"]) != d:
                print(f"  {rows[i]['id']}: expect {rows[i]['expect']} rules {rows[i]['rules']} combined {sorted(d)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--parts")
    d.add_argument("--out", default=DEFAULT_FEATURES)
    lo = sub.add_parser("lopo")
    lo.add_argument("--features", default=DEFAULT_FEATURES)
    lo.add_argument("--sweep", action="store_true")
    lo.add_argument("--nested", action="store_true")
    lo.add_argument("--parts", help="comma-separated labelled parts (default: the training parts)")
    lo.add_argument("--sentence-max", action="store_true", help="experiment: add the sentences' element-wise maximum vector")
    lo.add_argument("--model", choices=["svm", "lr"], default="svm", help="svm (the product's) or the earlier logistic regression")
    w = sub.add_parser("write")
    w.add_argument("--features", default=DEFAULT_FEATURES)
    m = sub.add_parser("measure")
    m.add_argument("--features", required=True)
    args = parser.parse_args()
    {"dump": command_dump, "lopo": command_lopo, "write": command_write, "measure": command_measure}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
