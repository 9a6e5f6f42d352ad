#!/usr/bin/env bash
# The front door: on a fresh Debian 12 machine, installs what is missing, starts the local
# PostgreSQL 16 + pgvector, builds fte (release), migrates the database, loads the sample knowledge base,
# answers a question from it, then serves the web support form on localhost (Ctrl-C stops it;
# SERVE=0 skips it, FTE_PORT picks the port).
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

"$FTE_ROOT/scripts/setup.sh"
"$FTE_ROOT/scripts/pg.sh" start

# A release build: the local embedding model runs at full speed (a debug build embeds at about
# half of it; docs/embeddings.md, "Debug builds").
log "building fte in release (first build: several minutes)"
swift build -c release --product fte
fte="$(swift build -c release --show-bin-path)/fte"
export FTE_DATABASE_URL="${FTE_DATABASE_URL:-$(local_database_url)}"

log "migrating $FTE_DATABASE_URL"
"$fte" migrate

log "loading the sample knowledge base (samples/knowledge-base)"
"$fte" kb ingest samples/knowledge-base

log "searching it: \"I never receive my two-factor code\""
"$fte" kb search "I never receive my two-factor code" -k 3

log "tickets"
"$fte" ticket list

cat <<MSG

fte is ready. The binary is $fte; the database is $FTE_DATABASE_URL.
Try: $fte kb search "how do refunds work"    $fte kb eval samples/knowledge-base-questions.jsonl
     $fte ticket list --format json           $fte --help
Stop the local PostgreSQL with scripts/pg.sh stop.
MSG

[ "${SERVE:-1}" = 0 ] && exit 0
log "serving the web support form with the worker (Ctrl-C to stop); replies appear under \"track my request\""
exec "$fte" serve --port "${FTE_PORT:-8080}" --with-worker
