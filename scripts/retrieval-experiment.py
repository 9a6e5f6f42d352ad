#!/usr/bin/env python3
"""Offline retrieval experiment: recompute `fte kb search`'s fusion in Python from dumped features.

Reads an ingested knowledge base (every chunk's vector, heading path, content and document)
from a database, embeds the questions and the texts a variant needs (titles, heading paths,
sentences, question clauses) with `fte kb embed`, asks PostgreSQL for every chunk's full-text
relevance exactly as the search statement computes it, and scores each variant of the fusion
like `fte kb eval` does: hit@1, hit@5 and MRR over the top 5 documents. "dense" and "today"
(the search's fusion) reproduce `fte kb eval`'s dense and hybrid figures; "best sentence 0.25"
is the best variant found (docs/knowledge-base.md, "Offline fusion experiments"), not adopted.

    FTE_PG_PORT=54343 scripts/pg.sh start
    createdb …; FTE_DATABASE_URL=… fte migrate; FTE_DATABASE_URL=… fte kb ingest samples/knowledge-base
    scripts/retrieval-experiment.py --database-url URL --questions samples/knowledge-base-questions.jsonl

FTE (default: a debug build of this checkout) is the binary that embeds. `--detail NAME,…` lists
those variants' first-hit misses (never use it on a held-out set). Needs python3 with numpy and
psql.
"""
import argparse
import json
import os
import re
import subprocess
import sys

import numpy as np

CANDIDATES = 40
TEXT_WEIGHT = 0.05

# The full-text side of KnowledgeSearch's statement, for every question at once (the lexemes'
# rarity times ts_rank, over the query's selective words), every matching chunk returned.
TEXT_SQL = """
SELECT q.ord, m.id, m.relevance
FROM json_array_elements_text(:'questions'::json) WITH ORDINALITY q(text, ord),
LATERAL (
    WITH terms AS (
        SELECT quote_literal(lexeme)::tsquery AS query,
               ln(1 + (total - chunks + 0.5) / (chunks + 0.5)) AS rarity
        FROM (
            SELECT w.lexeme, w.chunks, s.total_chunks AS total,
                   sum(w.chunks) OVER (ORDER BY w.chunks, w.lexeme) AS running
            FROM (SELECT DISTINCT u.lexeme, coalesce((SELECT t.chunks FROM kb_terms t WHERE t.lexeme = u.lexeme), 0) AS chunks
                  FROM unnest(tsvector_to_array(to_tsvector('english', q.text))) AS u(lexeme)) w, kb_settings s
            WHERE w.chunks > 0 AND w.chunks <= greatest(100, s.total_chunks / 50)
        ) rarest WHERE running <= 400
    )
    SELECT c.id, sum(t.rarity * ts_rank(c.search_vector, t.query)) AS relevance
    FROM kb_chunks c JOIN terms t ON c.search_vector @@ t.query
    GROUP BY c.id
) m
"""


def psql(url, sql, **variables):
    args = ["psql", url, "-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-F", "\t"]
    for name, value in variables.items():
        args += ["-v", f"{name}={value}"]
    out = subprocess.run(args, input=sql, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


class Embedder:
    """`fte kb embed`, cached per text (one process per batch)."""

    def __init__(self, binary):
        self.binary, self.cache = binary, {}

    def __call__(self, texts):
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        for start in range(0, len(missing), 64):
            batch = missing[start:start + 64]
            out = subprocess.run([self.binary, "kb", "embed", "--format", "json", "--", *batch],
                                 capture_output=True, text=True, check=True).stdout
            for text, vector in zip(batch, json.loads(out)):
                v = np.array(vector, dtype=np.float64)
                self.cache[text] = v / np.linalg.norm(v)
        return np.array([self.cache[t] for t in texts])


class KnowledgeBase:
    def __init__(self, url):
        rows = psql(url, """SELECT c.id, d.source, d.title, c.heading_path, c.embedding::text, to_json(c.content)
                            FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id ORDER BY c.id""")
        self.url = url
        self.ids = np.array([int(r[0]) for r in rows])
        self.source = [r[1] for r in rows]
        self.title = [r[2] for r in rows]
        self.heading = [r[3] for r in rows]
        self.content = [json.loads(r[5]) for r in rows]
        v = np.array([json.loads(r[4]) for r in rows])
        self.vectors = v / np.linalg.norm(v, axis=1, keepdims=True)
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        self.documents = sorted(set(self.source))
        self.document_of = np.array([self.documents.index(s) for s in self.source])

    def text_relevance(self, questions):
        """Per question, an array of every chunk's raw full-text relevance (0 where no match)."""
        relevance = np.zeros((len(questions), len(self.ids)))
        for ord_, cid, rel in psql(self.url, TEXT_SQL, questions=json.dumps(questions)):
            relevance[int(ord_) - 1, self.index[int(cid)]] = float(rel)
        return relevance


ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "ms.", "dr.", "no.", "approx.", "fig.", "inc.", "ltd.", "st."}


def split_sentences(text):
    """SentenceSplitter.split: at . ! ? … (and closing quotes or brackets) before whitespace."""
    out, start = [], 0
    for m in re.finditer(r"[.!?…][\"')\]»”’]*(?=\s|$)", text):
        candidate = text[start:m.end()]
        words = candidate.split()
        if m.group()[0] == "." and words and words[-1].lower() in ABBREVIATIONS:
            continue
        if candidate.strip():
            out.append(candidate.strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def sentences(content):
    """Chunk.sentences: each line without its list, heading or table marker and bold or code
    marks, split into sentences, those of fewer than three words left out."""
    out = []
    for line in content.splitlines():
        line = line.lstrip()
        marker = line.split(" ", 1)[0] if line else ""
        if marker in ("-", "*", "+", "|") or (marker and set(marker) == {"#"}) or re.fullmatch(r"\d+\.", marker):
            line = line[len(marker):]
        line = line.replace("**", "").replace("`", "").strip(" \t|")
        out += [s for s in split_sentences(line) if len(s.split()) >= 3]
    return out


def text_scores(relevance):
    """The text side's candidates (top 40 by relevance, then id) normalised by the best: 0 elsewhere."""
    scores = np.zeros_like(relevance)
    for q, row in enumerate(relevance):
        order = sorted((i for i in np.nonzero(row)[0]), key=lambda i: (-row[i], i))[:CANDIDATES]
        if order:
            scores[q, order] = row[order] / row[order[0]]
    return scores


def rank_documents(kb, score, similarity, candidates):
    """Documents by their best candidate chunk (score, then similarity), best first."""
    best = {}
    for i in candidates:
        key = (score[i], similarity[i])
        d = kb.document_of[i]
        if d not in best or key > best[d]:
            best[d] = key
    return sorted(best, key=lambda d: best[d], reverse=True)


def evaluate(kb, questions, answers, fuse, detail=False, label=""):
    """fuse(q) -> (score per chunk, similarity per chunk, candidate chunk indices)."""
    hits1 = hits5 = 0
    rr = 0.0
    misses = []
    for q, answer in enumerate(answers):
        score, similarity, candidates = fuse(q)
        ranking = [kb.documents[d] for d in rank_documents(kb, score, similarity, candidates)][:5]
        if answer in ranking:
            position = ranking.index(answer)
            hits1 += position == 0
            hits5 += 1
            rr += 1 / (position + 1)
        if not ranking or ranking[0] != answer:
            misses.append((q, ranking[:3]))
    n = len(answers)
    figures = (hits1 / n, hits5 / n, rr / n)
    if detail:
        for q, top in misses:
            print(f"    miss [{label}] {questions[q]!r}: want {answers[q]}, got {top}")
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--questions", required=True)
    parser.add_argument("--detail", default="", help="comma-separated variants whose misses to list")
    args = parser.parse_args()
    binary = os.environ.get("FTE") or os.path.join(
        subprocess.run(["swift", "build", "--show-bin-path"], capture_output=True, text=True).stdout.strip(), "fte")
    embed = Embedder(binary)
    kb = KnowledgeBase(args.database_url)
    items = [json.loads(line) for line in open(args.questions) if line.strip()]
    questions = [i["question"] for i in items]
    answers = [i["source"] for i in items]

    Q = embed(questions)
    chunk_sim = Q @ kb.vectors.T                            # cosine similarity, question × chunk
    text = text_scores(kb.text_relevance(questions))
    heading_sim = Q @ embed(kb.heading).T                   # the heading path alone
    title_sim = Q @ embed(kb.title).T                       # the document's title alone
    owners = [(i, s) for i, content in enumerate(kb.content) for s in sentences(content)]
    sentence_sim = np.full_like(chunk_sim, -np.inf)          # a chunk's best sentence
    for j, value in enumerate((Q @ embed([s for _, s in owners]).T).T):
        i = owners[j][0]
        sentence_sim[:, i] = np.maximum(sentence_sim[:, i], value)
    sentence_sim = np.where(np.isinf(sentence_sim), chunk_sim, sentence_sim)
    centroids = np.array([kb.vectors[kb.document_of == d].mean(0) for d in range(len(kb.documents))])
    centroid_sim = (Q @ (centroids / np.linalg.norm(centroids, axis=1, keepdims=True)).T)[:, kb.document_of]
    clauses = [[c.strip() for c in re.split(r"[,.?!;:]+", q) if len(c.split()) >= 3] or [q] for q in questions]
    clause_vectors = embed([c for cs in clauses for c in cs]) @ kb.vectors.T
    bounds = np.cumsum([0] + [len(cs) for cs in clauses])
    clause_sim = np.array([clause_vectors[a:b].max(0) for a, b in zip(bounds, bounds[1:])])

    def dense_top(sim_row):
        return list(np.argsort(-sim_row, kind="stable")[:CANDIDATES])

    def candidates(q, sim_row=None):
        sim_row = chunk_sim[q] if sim_row is None else sim_row
        return sorted(set(dense_top(sim_row)) | set(np.nonzero(text[q])[0]))

    def added(feature, w, text_weight=TEXT_WEIGHT):
        """Today's fusion with w × feature added to the chunk's similarity."""
        return lambda q: (chunk_sim[q] + w * feature[q] + text_weight * text[q], chunk_sim[q], candidates(q))

    def feedback(m, b):
        """Rocchio pseudo-relevance feedback: the query plus b × the mean of its m nearest chunks."""
        def fuse(q):
            v = Q[q] + b * kb.vectors[np.argsort(-chunk_sim[q])[:m]].mean(0)
            sim = kb.vectors @ (v / np.linalg.norm(v))
            return sim + TEXT_WEIGHT * text[q], sim, candidates(q, sim)
        return fuse

    variants = {
        "dense": lambda q: (chunk_sim[q], chunk_sim[q], dense_top(chunk_sim[q])),
        "today": added(chunk_sim, 0),
        "max(chunk,heading)": lambda q: (
            np.maximum(chunk_sim[q], heading_sim[q]) + TEXT_WEIGHT * text[q], chunk_sim[q], candidates(q)),
    }
    for w in (0.1, 0.2, 0.3, 0.5):
        variants[f"heading +{w}"] = added(heading_sim, w)
        variants[f"title +{w}"] = added(title_sim, w)
        variants[f"document centroid +{w}"] = added(centroid_sim, w)
        variants[f"question clauses (max) +{w}"] = added(clause_sim, w)
    for m, b in ((1, 0.5), (3, 0.2), (3, 0.5), (5, 0.5)):
        variants[f"feedback m={m} b={b}"] = feedback(m, b)
    for beta in (0.1, 0.15, 0.2, 0.25, 0.3, 0.5):
        # (1 − β) × chunk + β × best sentence, the text share unchanged.
        variants[f"best sentence {beta}"] = (lambda beta: lambda q: (
            (1 - beta) * chunk_sim[q] + beta * sentence_sim[q] + TEXT_WEIGHT * text[q], chunk_sim[q], candidates(q)))(beta)
        variants[f"  dense mode, best sentence {beta}"] = (lambda beta: lambda q: (
            (1 - beta) * chunk_sim[q] + beta * sentence_sim[q], chunk_sim[q], dense_top(chunk_sim[q])))(beta)

    print(f"{args.questions}: {len(questions)} questions, {len(kb.ids)} chunks, {len(kb.documents)} documents")
    detail = set(filter(None, args.detail.split(",")))
    for name, fuse in variants.items():
        h1, h5, mrr = evaluate(kb, questions, answers, fuse, detail=name in detail, label=name)
        print(f"  {name:36s} hit@1 {h1:.3f}  hit@5 {h5:.3f}  MRR {mrr:.3f}")


if __name__ == "__main__":
    main()
