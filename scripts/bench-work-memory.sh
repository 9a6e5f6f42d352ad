#!/usr/bin/env bash
# Measures what one `fte work` needs in memory and CPU, for the requests and limits of
# deploy/kubernetes (docs/operations.md, "Scale and size"): MESSAGES web-form questions
# (samples/knowledge-base-questions.jsonl, CUSTOMERS customers) are queued at once in the
# PostgreSQL queue and answered by the built-in responder (a knowledge-base search with a query
# embedding each: the worker's own work, without a model) with CONCURRENCY in flight. Prints the
# worker's peak RSS (VmHWM), its RSS when idle after start-up, and its CPU time per message.
# Run `scripts/pg.sh start` first; record the figures in docs/benchmarks.md.
#
#   BIN=.build/release  MESSAGES=3000  CUSTOMERS=500  CONCURRENCY="200 400"
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

BIN="${BIN:-.build/release}"
MESSAGES="${MESSAGES:-3000}"
CUSTOMERS="${CUSTOMERS:-500}"
CONCURRENCY="${CONCURRENCY:-200 400}"
DB="fte_bench_memory"
[ -x "$BIN/fte" ] || die "no fte in $BIN: swift build -c release --static-swift-stdlib --product fte"
"$FTE_ROOT/scripts/pg.sh" status || die "PostgreSQL is not running: scripts/pg.sh start"
psql() { "$FTE_ROOT/scripts/pg.sh" psql -q "$@"; }

worker=""
trap '[ -n "$worker" ] && kill "$worker" 2>/dev/null; true' EXIT

for concurrency in $CONCURRENCY; do
    psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    export FTE_DATABASE_URL; FTE_DATABASE_URL="$(local_database_url "$DB")"
    "$BIN/fte" migrate >/dev/null
    "$BIN/fte" kb ingest samples/knowledge-base >/dev/null 2>&1
    FTE_WORKER_PORT=0 FTE_LOG_LEVEL=warning "$BIN/fte" work --concurrency "$concurrency" >/dev/null 2>&1 &
    worker=$!
    sleep 3
    idle="$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$worker/status")"
    cpu_before="$(awk '{print $14 + $15}' "/proc/$worker/stat")"
    python3 - "$MESSAGES" "$CUSTOMERS" <<'PY' | psql -d "$DB"
import json, sys, uuid
count, customers = int(sys.argv[1]), int(sys.argv[2])
questions = [json.loads(line)["question"] for line in open("samples/knowledge-base-questions.jsonl") if line.strip()]
rows = []
for i in range(count):
    email = f"customer{i % customers}@bench.example"
    event = {"version": 1, "event_id": str(uuid.uuid4()), "channel": "web_form", "channel_message_id": str(uuid.uuid4()),
             "customer": {"email": email}, "subject": "Question", "content": questions[i % len(questions)],
             "category": "technical", "priority": "medium", "received_at": "2026-12-07T00:00:00.000Z", "metadata": {}}
    payload = json.dumps(event).replace("'", "''")
    rows.append(f"('{event['event_id']}', 'web_form', '{event['channel_message_id']}', '{email}', '{payload}')")
print("INSERT INTO event_queue (event_id, channel, channel_message_id, partition_key, payload) VALUES")
print(",\n".join(rows) + ";")
PY
    started=$SECONDS
    until [ "$(psql -d "$DB" -tAc "SELECT count(*) FROM event_queue")" = 0 ]; do
        kill -0 "$worker" 2>/dev/null || die "fte work exited"
        sleep 0.5
    done
    seconds=$((SECONDS - started))
    cpu_after="$(awk '{print $14 + $15}' "/proc/$worker/stat")"
    peak="$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$worker/status")"
    ticks="$(getconf CLK_TCK)"
    printf 'concurrency %4d: %d messages in %d s   RSS idle %s MB, peak %s MB   worker CPU %.2f ms/message\n' \
        "$concurrency" "$MESSAGES" "$seconds" "$idle" "$peak" \
        "$(awk -v d="$((cpu_after - cpu_before))" -v t="$ticks" -v n="$MESSAGES" 'BEGIN {print d * 1000 / t / n}')"
    kill -TERM "$worker"; wait "$worker" 2>/dev/null || true; worker=""
done
psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
