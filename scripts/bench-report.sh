#!/usr/bin/env bash
# Benchmarks `fte report` and `fte kb candidates suggest` on the local PostgreSQL
# (scripts/pg.sh start first), with a release build:
#   1. report: TICKETS tickets in the reported period (and as many in the period before it, for
#      the trend), 6 % of them knowledge gaps; `fte report --since` the period, first with no
#      question vectors stored (the gaps are embedded), then ROUNDS times with them stored;
#      also the default last 24 hours;
#   2. suggest: SUGGEST_TICKETS tickets resolved by a person (400 topics asked in many wordings)
#      against the sample knowledge base; `fte kb candidates suggest` cold (every question
#      embedded), then again after deleting the candidates (vectors stored).
# Prints the machine, date, load, commands and times (best of the warm rounds, and each);
# record them in docs/benchmarks.md.
#
#   TICKETS=100000  SUGGEST_TICKETS=10000 (0 skips part 2)  ROUNDS=3  SCRATCH=.build-release
#   KEEP=1           keep the databases (fte_bench_report, fte_bench_suggest) for a closer look
#   REUSE=1          time the warm reports on the fte_bench_report a KEEP=1 run left (no cold run)
#   FTE=path/to/fte   use this binary instead of building
#   OLD=path/to/fte   also time this (older) build in every warm round, alternating with FTE on
#                     the same databases (it reads the question vectors FTE stored; the machine's
#                     load changes within minutes, so only alternating runs compare)
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

TICKETS="${TICKETS:-100000}"
SUGGEST_TICKETS="${SUGGEST_TICKETS:-10000}"
ROUNDS="${ROUNDS:-3}"
SCRATCH="${SCRATCH:-.build-release}"
"$FTE_ROOT/scripts/pg.sh" status || die "the local PostgreSQL is not running: scripts/pg.sh start"

if [[ -n "${FTE:-}" ]]; then
    log "using $FTE (no build)"
else
    log "building fte (release, scratch path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" --product fte >&2
    FTE="$FTE_ROOT/$SCRATCH/release/fte"
fi
psql() { "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# seconds CMD…: runs a command (output to $tmp/out), prints its wall time in seconds and peak RSS.
seconds() {
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; die "failed: $*"; }
    read -r wall rss < "$tmp/time"
    echo "$wall s (peak RSS $((rss / 1024)) MB)"
}

# database NAME QUESTIONS TICKETS CUSTOMERS HUMAN% SPAN_HOURS: a fresh, migrated, filled database.
database() {
    local name="$1"
    psql -d postgres -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
    export FTE_DATABASE_URL="$(local_database_url "$name")"
    "$FTE" migrate > /dev/null
    python3 scripts/bench/support_questions.py "$tmp/questions.tsv" "$2"
    psql -d "$name" -c "CREATE TABLE bench_questions (id serial PRIMARY KEY, topic int, question text, answer text)" \
        -c "\\copy bench_questions (topic, question, answer) FROM '$tmp/questions.tsv'"
    local started=$SECONDS
    psql -d "$name" -v tickets="$3" -v customers="$4" -v human="$5" -v span_hours="$6" -f scripts/bench/support_history.sql
    log "$name: $3 tickets written in $((SECONDS - started)) s"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)   commit: $(git rev-parse --short HEAD)   load: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. fte report: the last 7 days hold TICKETS tickets, the 7 days before as many.
if [[ -n "${REUSE:-}" ]]; then
    export FTE_DATABASE_URL="$(local_database_url fte_bench_report)"
    "$FTE" migrate > /dev/null
else
    database fte_bench_report "$TICKETS" $((2 * TICKETS)) $((TICKETS / 2)) 2 336
fi
gaps="$(psql -d fte_bench_report -c "SELECT count(*) FROM escalations e JOIN tickets t ON t.id = e.ticket_id WHERE e.reason = 'no_relevant_knowledge' AND t.created_at >= now() - interval '7 days'")"
echo "report: $TICKETS tickets in the period ($gaps knowledge gaps), $TICKETS in the 7 days before"
[[ -n "${REUSE:-}" ]] || echo "  fte report --since 7d --format json, no question vectors stored: $(seconds "$FTE" report --since 7d --format json)"
for round in $(seq "$ROUNDS"); do
    for build in "$FTE" ${OLD:+"$OLD"}; do
        label="$([[ "$build" == "$FTE" ]] && echo new || echo old)"
        echo "  [$label] fte report --since 7d --format json, vectors stored (round $round): $(seconds "$build" report --since 7d --format json)"
        python3 - "$tmp/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("    tickets", sum(o["tickets"] for o in r["outcomes"]), "· gaps", r["knowledge_gaps"]["questions"], "in", r["knowledge_gaps"]["group_count"], "groups")
PY
        echo "  [$label] fte report --since 7d --html (round $round): $(seconds "$build" report --since 7d --html "$tmp/report.html")"
        echo "  [$label] fte report (last 24 h, round $round): $(seconds "$build" report)"
    done
done

# 2. fte kb candidates suggest over SUGGEST_TICKETS resolved tickets.
# suggest_summary: the counts of the last `suggest --format json` run.
suggest_summary() {
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("    ", {k: (len(v) if isinstance(v, list) else v) for k, v in s.items()})' "$tmp/out"
}
if (( SUGGEST_TICKETS > 0 )); then
database fte_bench_suggest "$SUGGEST_TICKETS" "$SUGGEST_TICKETS" $((SUGGEST_TICKETS * 2 / 3)) 100 168
"$FTE" kb ingest samples/knowledge-base > /dev/null 2>&1
echo "suggest: $SUGGEST_TICKETS tickets resolved by a person, sample knowledge base"
echo "  fte kb candidates suggest --since 8d, no question vectors stored: $(seconds "$FTE" kb candidates suggest --since 8d --extractive --by bench --format json)"
suggest_summary
for round in $(seq "$ROUNDS"); do
    for build in "$FTE" ${OLD:+"$OLD"}; do
        label="$([[ "$build" == "$FTE" ]] && echo new || echo old)"
        psql -d fte_bench_suggest -c "DELETE FROM kb_candidates"
        echo "  [$label] the same, vectors stored (round $round): $(seconds "$build" kb candidates suggest --since 8d --extractive --by bench --format json)"
        suggest_summary
    done
done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n "${KEEP:-}" ]] || psql -d postgres -c "DROP DATABASE IF EXISTS fte_bench_report" -c "DROP DATABASE IF EXISTS fte_bench_suggest"
