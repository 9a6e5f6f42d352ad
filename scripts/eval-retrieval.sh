#!/usr/bin/env bash
# Retrieval quality of the two sample knowledge bases, dense-only, full-text-only and hybrid side
# by side (`fte kb eval`), each in a scratch database on the local PostgreSQL (scripts/pg.sh
# start first). Figures go to standard output; record them in docs/knowledge-base.md.
#
#   FTE=path/to/fte   the binary to measure (default: a debug build of this checkout)
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"
"$FTE_ROOT/scripts/pg.sh" status >/dev/null || die "the local PostgreSQL is not running: scripts/pg.sh start"
if [ -z "${FTE:-}" ]; then
    log "building fte"
    swift build --product fte >&2
    FTE="$(swift build --show-bin-path)/fte"
fi
psql() { "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)   commit: $(git rev-parse --short HEAD)"
# Each knowledge base has a tuning set (misses listed, to study) and a held-out set written
# before any retrieval change: only its figures are printed (CSV), never its per-question results,
# so tuning cannot look at it.
for set in "knowledge-base:knowledge-base" "bookings-knowledge-base:bookings-knowledge-base"; do
    folder="samples/${set%%:*}" questions="samples/${set##*:}-questions.jsonl" held_out="samples/${set##*:}-held-out.jsonl"
    db="fte_eval_$(echo "${set%%:*}" | tr '-' '_')"
    psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    export FTE_DATABASE_URL="$(local_database_url "$db")"
    "$FTE" migrate >/dev/null
    "$FTE" kb ingest "$folder" >/dev/null 2>&1
    echo
    echo "== $folder, tuning set ($(wc -l < "$questions") questions): fte kb eval $questions"
    "$FTE" kb eval "$questions"
    if [ -f "$held_out" ]; then
        echo
        echo "== $folder, held-out set ($(wc -l < "$held_out") questions): fte kb eval --format csv $held_out"
        "$FTE" kb eval --format csv "$held_out"
    fi
    psql -d postgres -c "DROP DATABASE $db"
done
