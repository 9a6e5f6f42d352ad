#!/usr/bin/env bash
# Benchmarks the knowledge base end to end on the local PostgreSQL (scripts/pg.sh start first):
#   1. ingest throughput: the benchmark corpus (shared/bench/make_corpus.py) written as Markdown
#      documents, parsed, chunked, embedded and stored by `fte kb ingest` (release build);
#      the share of time spent storing vs embedding;
#   2. hybrid search latency (query embedding + SQL) and retrieval quality on the sample question
#      set, first with the corpus and sample KB only, then with the table grown to CHUNKS chunks
#      (synthetic variants of the corpus chunks: real texts, embeddings perturbed and
#      re-normalised, so the HNSW graph has realistic neighbourhoods).
# Figures go to standard output; record them in docs/benchmarks.md.
#
#   COUNT=2000 corpus passages   CHUNKS=100000 chunks in the table   REPEAT=10 searches per question
#   SCRATCH=.build-embed-release  SwiftPM scratch path of the release build
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

COUNT="${COUNT:-2000}"
CHUNKS="${CHUNKS:-100000}"
REPEAT="${REPEAT:-10}"
SCRATCH="${SCRATCH:-.build-embed-release}"
SHARED="${FTE_SHARED:-$FTE_ROOT/../shared}"
DB=fte_bench_kb
[ -f "$SHARED/bench/make_corpus.py" ] || die "shared/bench not found at $SHARED (set FTE_SHARED)"
"$FTE_ROOT/scripts/pg.sh" status || die "the local PostgreSQL is not running: scripts/pg.sh start"

log "building fte (release, scratch path $SCRATCH)"
swift build -c release --scratch-path "$SCRATCH" --product fte >&2
FTE="$SCRATCH/release/fte"
psql() { "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$SHARED/bench/make_corpus.py" "$tmp/corpus.jsonl" "$COUNT"
# 20 passages per document, each under its own heading, in 10 topic folders.
python3 - "$tmp/corpus.jsonl" "$tmp/kb" <<'PY'
import json, os, sys
passages = [json.loads(l)["text"] for l in open(sys.argv[1])]
for d in range(0, len(passages), 20):
    folder = os.path.join(sys.argv[2], f"topic-{d // 20 % 10}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"article-{d // 20:04d}.md"), "w") as f:
        f.write(f"# Article {d // 20}\n\n")
        for i, text in enumerate(passages[d:d + 20]):
            f.write(f"## Section {i + 1}\n\n{text}\n\n")
PY

psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export FTE_DATABASE_URL="$(local_database_url "$DB")"
"$FTE" migrate >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "date: $(date -u +%Y-%m-%d)   commit: $(git rev-parse --short HEAD)   corpus: $COUNT passages"

log "ingesting the corpus"
"$FTE" kb ingest "$tmp/kb" --format json > "$tmp/ingest.json" 2>/dev/null
python3 - "$tmp/ingest.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n, t = s["chunks_embedded"], s["seconds"]
print(f"ingest: {len(s['added'])} documents, {n} chunks in {t:.1f} s = {n / t:.1f} chunks/s end to end; "
      f"embedding {s['embed_seconds']:.1f} s ({100 * s['embed_seconds'] / t:.0f} %), "
      f"storing {s['store_seconds']:.1f} s ({100 * s['store_seconds'] / t:.1f} %), "
      f"rest (discover, parse, chunk) {t - s['embed_seconds'] - s['store_seconds']:.1f} s")
PY
"$FTE" kb ingest samples/knowledge-base >/dev/null 2>&1

eval_line() {
    "$FTE" kb eval samples/knowledge-base-questions.jsonl --repeat "$REPEAT" --format json > "$tmp/eval.json"
    python3 - "$tmp/eval.json" "$1" <<'PY'
import json, sys
e = json.load(open(sys.argv[1])); l = e["latency_ms"]
print(f"{sys.argv[2]}: hit@1 {e['hit@1']:.3f} hit@5 {e['hit@5']:.3f} MRR {e['mrr']:.3f}; "
      f"search latency over {l['searches']} searches p50 {l['p50']:.2f} ms, p95 {l['p95']:.2f} ms, p99 {l['p99']:.2f} ms")
PY
}
eval_line "search with $(psql -d "$DB" -c 'SELECT count(*) FROM kb_chunks') chunks"

log "growing kb_chunks to $CHUNKS chunks"
psql -d "$DB" <<SQL
SET maintenance_work_mem = '1GB';
DROP INDEX kb_chunks_embedding_idx;
CREATE TEMP TABLE real_chunks AS
    SELECT row_number() OVER (ORDER BY c.id) AS rn, c.heading_path, c.content, c.token_count, c.embedding
    FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id WHERE d.source LIKE 'topic-%';
INSERT INTO kb_documents (source, title, category, format, content_hash, chunk_count, embed_model)
    SELECT 'synthetic/doc-' || g || '.md', 'Synthetic ' || g, 'synthetic', 'markdown', md5(g::text), 20, 'all-MiniLM-L6-v2'
    FROM generate_series(1, GREATEST(($CHUNKS - (SELECT count(*) FROM kb_chunks)) / 20, 0)) g;
INSERT INTO kb_chunks (document_id, ordinal, heading_path, content, token_count, embedding)
    SELECT d.id, o, r.heading_path, r.content, r.token_count,
           l2_normalize(r.embedding::vector(384) + (SELECT array_agg((random() - 0.5) * 0.06)::vector(384)
                                                    FROM generate_series(1, 384) WHERE o >= 0 AND d.id IS NOT NULL))
    FROM kb_documents d CROSS JOIN generate_series(0, 19) o
    JOIN real_chunks r ON r.rn = 1 + abs(hashtext(d.source || o)) % (SELECT count(*) FROM real_chunks)
    WHERE d.category = 'synthetic';
CREATE INDEX kb_chunks_embedding_idx ON kb_chunks USING hnsw ((embedding::vector(384)) vector_cosine_ops);
SELECT kb_refresh_terms();
-- Measure the steady state, not a search racing autovacuum over 97,000 new rows.
VACUUM (ANALYZE) kb_chunks, kb_documents, kb_terms;
SQL
eval_line "search with $(psql -d "$DB" -c 'SELECT count(*) FROM kb_chunks') chunks"
