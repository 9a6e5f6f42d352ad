#!/usr/bin/env bash
# Measures Kafka failover of `fte work`: how long the partitions of a killed worker stay idle
# before another worker (or its restarted self) consumes them again, for each consumer-group
# configuration in OPTIONS and each signal in SIGNALS.
#
# Each run: a fresh librdkafka mock cluster (`fte-mock-kafka`: the real broker protocol on
# loopback, 3 brokers, 6 partitions), WORKERS real `fte work` processes (built-in responder, no
# model) in one group, web-form events from many customers produced at a steady RATE a second
# (aiokafka, keyed by customer, each event's produce time kept). After BEFORE seconds, worker 1
# gets the signal and is started again at once, as Kubernetes restarts a pod (RESTART=0: not
# restarted); traffic goes on for AFTER seconds. Every event is answered (0 lost is checked).
#
# Figures per run, from the database (each event's produce time against the time its worker
# stored it, `messages.created_at`, one clock): the p50 wait of the events produced before the
# signal, and of those produced after it the longest wait and how many waited over 1 s and 2 s.
# The longest wait is the failover time: an event produced just after the signal on one of the
# killed worker's partitions waits until its partition is consumed again.
#
#   OPTIONS   one configuration per line, "label|VAR=value VAR=value" (FTE_KAFKA_* of fte work);
#             a literal {worker} in a value becomes the worker's number (group.instance.id)
#   SIGNALS="KILL TERM"  RUNS=2  WORKERS=3  RATE=30  BEFORE=10  AFTER=20  RESTART=1
#   CUSTOMERS=300  PEER_VENV=.local/peer-gateway-venv (aiokafka is installed there if missing)
#   BIN=DIR   the fte and fte-mock-kafka to run (default: the debug build, built if missing)
#   KEEP_LOGS=1  keep the last run's worker logs (FTE_LOG_LEVEL, default info, sets their detail)
# Run `scripts/pg.sh start` first; record the figures in docs/benchmarks.md.
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

SIGNALS="${SIGNALS:-KILL TERM}"
RUNS="${RUNS:-2}"
WORKERS="${WORKERS:-3}"
RATE="${RATE:-30}"
BEFORE="${BEFORE:-10}"
AFTER="${AFTER:-20}"
RESTART="${RESTART:-1}"
CUSTOMERS="${CUSTOMERS:-300}"
PEER_VENV="${PEER_VENV:-$FTE_LOCAL/peer-gateway-venv}"
OPTIONS="${OPTIONS:-$(cat <<'EOF'
defaults: session 10 s, heartbeat 1 s, cooperative-sticky|
session 3 s, heartbeat 1 s, cooperative-sticky|FTE_KAFKA_SESSION_TIMEOUT_MS=3000
session 3 s, heartbeat 1 s, range (eager)|FTE_KAFKA_SESSION_TIMEOUT_MS=3000 FTE_KAFKA_ASSIGNMENT_STRATEGY=range
session 3 s, heartbeat 1 s, static membership|FTE_KAFKA_SESSION_TIMEOUT_MS=3000 FTE_KAFKA_GROUP_INSTANCE_ID=fte-worker-{worker}
session 2 s, heartbeat 0.5 s, cooperative-sticky|FTE_KAFKA_SESSION_TIMEOUT_MS=2000 FTE_KAFKA_HEARTBEAT_INTERVAL_MS=500
session 1 s, heartbeat 0.25 s, cooperative-sticky|FTE_KAFKA_SESSION_TIMEOUT_MS=1000 FTE_KAFKA_HEARTBEAT_INTERVAL_MS=250
EOF
)}"
TOPIC=fte.tickets.incoming
DB=fte_bench_failover
"$FTE_ROOT/scripts/pg.sh" status >/dev/null || die "the local PostgreSQL is not running: scripts/pg.sh start"

if [ -z "${BIN:-}" ]; then
    swift build --product fte >&2 && swift build --product fte-mock-kafka >&2
    BIN="$(swift build --show-bin-path)"
fi
if [ ! -x "$PEER_VENV/bin/python" ] || ! "$PEER_VENV/bin/python" -c 'import aiokafka' 2>/dev/null; then
    log "installing aiokafka into $PEER_VENV"
    python3 -m venv "$PEER_VENV"
    "$PEER_VENV/bin/pip" install -q aiokafka
fi
psql() { PGOPTIONS="-c client_min_messages=warning" "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }

WORK="$(mktemp -d)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "${KEEP_LOGS:-}" ]; then log "worker logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "scratch database $DB with the sample knowledge base"
psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export FTE_DATABASE_URL; FTE_DATABASE_URL="$(local_database_url "$DB")"
"$BIN/fte" migrate >/dev/null
"$BIN/fte" kb ingest samples/knowledge-base >/dev/null 2>&1

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# produce SECONDS OUT: web-form events at RATE a second for SECONDS, keyed by customer; writes
# "channel_message_id<TAB>produce time (epoch seconds)" per acknowledged event to OUT.
produce() {
    "$PEER_VENV/bin/python" - "$BROKERS" "$TOPIC" "$RATE" "$1" "$CUSTOMERS" "$2" <<'PY'
import asyncio, datetime, json, sys, time, uuid
from aiokafka import AIOKafkaProducer
brokers, topic, rate, seconds, customers, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
questions = [json.loads(l)["question"] for l in open("samples/knowledge-base-questions.jsonl") if l.strip()]
async def main():
    producer = AIOKafkaProducer(bootstrap_servers=brokers, acks="all", linger_ms=0)
    await producer.start()
    rows, start, i = [], time.monotonic(), 0
    try:
        while time.monotonic() - start < seconds:
            pause = start + i / rate - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
            ticket, now = str(uuid.uuid4()), time.time()
            email = f"customer{i % customers}@bench.example"
            event = {"version": 1, "event_id": str(uuid.uuid4()), "channel": "web_form", "channel_message_id": ticket,
                     "customer": {"email": email, "name": f"Customer {i % customers}"}, "subject": "Question",
                     "content": questions[i % len(questions)], "category": "technical", "priority": "medium",
                     "received_at": datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
                     "metadata": {}}
            rows.append((ticket, now, await producer.send(topic, json.dumps(event).encode(), key=email.encode())))
            i += 1
        await asyncio.gather(*(r[2] for r in rows))
    finally:
        await producer.stop()
    with open(out, "w") as f:
        for ticket, now, _ in rows:
            f.write(f"{ticket}\t{now:.6f}\n")
asyncio.run(main())
PY
}

# start_worker N ENV...: starts `fte work` number N with the run's settings; its pid in WORKER_PID[N].
declare -A WORKER_PID WORKER_PORT
start_worker() {
    local n="$1"; shift
    local settings=("${@//\{worker\}/$n}")
    WORKER_PORT[$n]="$(free_port)"
    env "${settings[@]}" FTE_KAFKA_BROKERS="$BROKERS" FTE_LOG_LEVEL="${FTE_LOG_LEVEL:-info}" FTE_WORKER_PORT="${WORKER_PORT[$n]}" \
        "$BIN/fte" work >>"$WORK/worker-$n.log" 2>&1 &
    WORKER_PID[$n]=$!
    pids+=($!)
}

wait_ready() {
    local n="$1"
    for _ in $(seq 600); do
        curl -fs "http://127.0.0.1:${WORKER_PORT[$n]}/ready" >/dev/null && return 0
        sleep 0.1
    done
    die "worker $n never became ready (log: $WORK/worker-$n.log)"
}

# run LABEL SIGNAL SETTINGS...: one measured run; prints its figures.
run() {
    local label="$1" signal="$2"; shift 2
    local settings=("$@")
    psql -d "$DB" -c "TRUNCATE event_queue, outbox, messages, tickets, conversations, customers CASCADE"
    rm -f "$WORK"/worker-*.log
    "$BIN/fte-mock-kafka" --brokers 3 --partitions 6 --topic "$TOPIC" >"$WORK/mock.txt" & pids+=($!)
    local mock=$!
    for _ in $(seq 100); do [ -s "$WORK/mock.txt" ] && break; sleep 0.1; done
    BROKERS="$(head -1 "$WORK/mock.txt")"
    [ -n "$BROKERS" ] || die "the mock cluster did not start"
    for n in $(seq "$WORKERS"); do start_worker "$n" "${settings[@]}"; done
    for n in $(seq "$WORKERS"); do wait_ready "$n"; done
    # The group settles (the mock elects a leader 3 s after the first join) while traffic flows.
    produce "$((BEFORE + AFTER))" "$WORK/produced.tsv" &
    local producer=$!
    sleep "$BEFORE"
    local signalled_at; signalled_at="$(date +%s.%N)"
    kill -s "$signal" "${WORKER_PID[1]}"
    wait "${WORKER_PID[1]}" 2>/dev/null || true
    [ "$RESTART" = 1 ] && start_worker 1 "${settings[@]}"
    wait "$producer" || die "the producer failed"
    local produced; produced="$(wc -l <"$WORK/produced.tsv")"
    local waited=0
    while [ "$(psql -d "$DB" -c "SELECT count(*) FROM messages WHERE direction = 'inbound'")" -lt "$produced" ]; do
        sleep 0.5; waited=$((waited + 1))
        [ "$waited" -lt 240 ] || die "not every event was stored within 2 minutes (logs: $WORK)"
    done
    local stats
    stats="$(psql -d "$DB" -F ' ' <<SQL
CREATE TEMP TABLE produced (ticket text, at double precision);
\copy produced FROM '$WORK/produced.tsv'
WITH waits AS (
    SELECT p.at - $signalled_at AS since_signal, extract(epoch FROM m.created_at) - p.at AS wait
    FROM produced p JOIN messages m ON m.channel = 'web_form' AND m.channel_message_id = p.ticket
)
SELECT (SELECT count(*) FROM produced), (SELECT count(*) FROM waits),
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) FILTER (WHERE since_signal BETWEEN -5 AND 0))::numeric * 1000),
       round(max(wait) FILTER (WHERE since_signal >= 0)::numeric, 2),
       count(*) FILTER (WHERE since_signal >= 0 AND wait > 1), count(*) FILTER (WHERE since_signal >= 0 AND wait > 2),
       count(*) FILTER (WHERE since_signal >= 0)
FROM waits;
SQL
)"
    local total stored p50 longest over1 over2 after
    read -r total stored p50 longest over1 over2 after <<<"$stats"
    printf '%-55s SIG%-4s  %4d events, %4d stored   wait p50 before %4s ms   after the signal: longest %6s s, >1 s %3d, >2 s %3d of %d\n' \
        "$label" "$signal" "$total" "$stored" "$p50" "$longest" "$over1" "$over2" "$after"
    for n in $(seq "$WORKERS"); do kill -KILL "${WORKER_PID[$n]}" 2>/dev/null || true; wait "${WORKER_PID[$n]}" 2>/dev/null || true; done
    kill "$mock"; wait "$mock" 2>/dev/null || true
}

log "$WORKERS workers, $RATE events/s, signal after $BEFORE s, $AFTER s more traffic, restart $RESTART, $RUNS run(s) each"
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
while IFS='|' read -r label assignments; do
    [ -n "$label" ] || continue
    read -r -a settings <<<"$assignments"
    for signal in $SIGNALS; do
        for _ in $(seq "$RUNS"); do run "$label" "$signal" "${settings[@]}"; done
    done
done <<<"$OPTIONS"
log "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
