#!/usr/bin/env bash
# Benchmarks `fte serve` intake: POST /support/submit with wrk (shared/bench/submit.lua: valid
# forms, a different customer each request), 64 connections, one wrk thread, on this machine.
#   1. the PostgreSQL queue (local server of scripts/pg.sh; run `scripts/pg.sh start` first);
#   2. Kafka: librdkafka's mock cluster (3 brokers) hosted by `fte-mock-kafka`, and in the same run
#      the peer gateway of shared/bench/peer_gateway (FastAPI + aiokafka, 1 and 2 uvicorn workers)
#      against the same cluster (skipped with PEER=0). fte and the two-worker peer are both up and
#      take turns under load, ROUNDS times each, so a machine whose speed drifts within minutes
#      weighs on both alike; the ratio is of their total requests.
# Prints requests/s, latency percentiles and the gateway's peak RSS; record them in
# docs/benchmarks.md.
#
#   DURATION=20s  CONNECTIONS=64  SCRATCH=.build-release  PEER=1  PEER_VENV=.local/peer-gateway-venv
#   ROUNDS=3  turns of DURATION each for fte and the two-worker peer on Kafka
#   BIN=DIR  run the fte and fte-mock-kafka already built in DIR (to compare builds)
#   PORT=18080  the gateway's port (the peer takes PORT + 1)
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-64}"
SCRATCH="${SCRATCH:-.build-release}"
PEER="${PEER:-1}"
ROUNDS="${ROUNDS:-3}"
PEER_VENV="${PEER_VENV:-$FTE_LOCAL/peer-gateway-venv}"
SHARED="${FTE_SHARED:-$FTE_ROOT/../shared}"
PORT="${PORT:-18080}"
DB=fte_bench_serve
[ -f "$SHARED/bench/submit.lua" ] || die "shared/bench not found at $SHARED (set FTE_SHARED)"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
"$FTE_ROOT/scripts/pg.sh" status || die "the local PostgreSQL is not running: scripts/pg.sh start"

if [ -n "${BIN:-}" ]; then
    log "using the binaries in $BIN (not rebuilt)"
else
    log "building fte (release, scratch path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" >&2
    BIN="$SCRATCH/release"
fi
psql() { "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# wait_for_port PORT: until something accepts connections there (30 s).
wait_for_port() {
    for _ in $(seq 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    die "nothing listens on port $1"
}

# load LABEL PORT [PID]: runs wrk against the port and prints one result line.
load() {
    local label="$1" port="$2" pid="${3:-}" out
    out="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$SHARED/bench/submit.lua" "http://127.0.0.1:$port")"
    local rps p50 p99 errors rss=""
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | paste -sd ';' || true)"
    [ -n "$pid" ] && rss="$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")"
    printf '%-40s %10s req/s   p50 %8s   p99 %8s   peak RSS %8s   %s\n' "$label" "$rps" "$p50" "$p99" "${rss:--}" "${errors:-no errors}"
    last_rps="$rps"
}

# warm PORT: five seconds of load, not measured.
warm() {
    wrk -t1 -c"$CONNECTIONS" -d5s -s "$SHARED/bench/submit.lua" "http://127.0.0.1:$1" >/dev/null
}

# start_peer WORKERS: the peer gateway on PORT + 1 against the mock cluster; sets peer_pid.
start_peer() {
    if [ ! -x "$PEER_VENV/bin/uvicorn" ]; then
        log "installing the peer gateway's stack into $PEER_VENV"
        python3 -m venv "$PEER_VENV"
        "$PEER_VENV/bin/pip" install -q fastapi uvicorn aiokafka "pydantic[email]" uvloop httptools
    fi
    (cd "$SHARED/bench/peer_gateway" && KAFKA_BROKERS="$BROKERS" exec "$PEER_VENV/bin/uvicorn" app:app \
        --host 127.0.0.1 --port $((PORT + 1)) --no-access-log --workers "$1" --log-level warning) &
    pids+=($!); peer_pid=$!
    wait_for_port $((PORT + 1))
}

log "scratch database $DB"
psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export FTE_DATABASE_URL; FTE_DATABASE_URL="$(local_database_url "$DB")"
"$BIN/fte" migrate >/dev/null

serve_env=(FTE_SUBMISSIONS_PER_MINUTE=1000000 FTE_LOG_LEVEL=warning)

log "fte serve, PostgreSQL queue"
env "${serve_env[@]}" "$BIN/fte" serve --port "$PORT" >/dev/null &
pids+=($!); serve_pid=$!
wait_for_port "$PORT"
warm "$PORT"
load "fte serve (PostgreSQL queue)" "$PORT" "$serve_pid"
echo "events queued: $(psql -d "$DB" -c 'SELECT count(*) FROM event_queue')"
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true

log "librdkafka mock cluster (3 brokers)"
# The file of the last run is removed first: the redirection below truncates it only once the
# background process has started, and until then the wait would read the last run's brokers.
rm -f "$FTE_LOCAL/bench-mock-kafka.txt"
"$BIN/fte-mock-kafka" --brokers 3 --partitions 6 > "$FTE_LOCAL/bench-mock-kafka.txt" &
pids+=($!)
for _ in $(seq 100); do [ -s "$FTE_LOCAL/bench-mock-kafka.txt" ] && break; sleep 0.1; done
BROKERS="$(head -1 "$FTE_LOCAL/bench-mock-kafka.txt")"
[ -n "$BROKERS" ] || die "the mock cluster did not start"
log "bootstrap servers: $BROKERS"

log "fte serve, Kafka"
env "${serve_env[@]}" FTE_KAFKA_BROKERS="$BROKERS" "$BIN/fte" serve --port "$PORT" >/dev/null &
pids+=($!); serve_pid=$!
wait_for_port "$PORT"
warm "$PORT"
if [ "$PEER" != 1 ]; then
    load "fte serve (Kafka, mock cluster)" "$PORT" "$serve_pid"
    exit 0
fi

log "peer gateway (FastAPI + aiokafka), 2 uvicorn workers, up beside fte; $ROUNDS turns each"
start_peer 2
warm $((PORT + 1))
fte_total=0 peer_total=0
for round in $(seq "$ROUNDS"); do
    load "fte serve (Kafka, mock cluster) #$round" "$PORT" "$serve_pid"
    fte_total="$(python3 -c "print($fte_total + $last_rps)")"
    load "peer gateway (2 workers, Kafka) #$round" $((PORT + 1))
    peer_total="$(python3 -c "print($peer_total + $last_rps)")"
done
python3 -c "print(f'fte Kafka / peer 2 workers over {$ROUNDS} turns each: {$fte_total / $ROUNDS:,.0f} / {$peer_total / $ROUNDS:,.0f} req/s = {$fte_total / $peer_total:.2f}x')"
kill "$peer_pid" "$serve_pid"; wait "$peer_pid" "$serve_pid" 2>/dev/null || true
sleep 1

log "peer gateway (FastAPI + aiokafka), 1 uvicorn worker"
start_peer 1
warm $((PORT + 1))
load "peer gateway (1 worker, Kafka)" $((PORT + 1))
kill "$peer_pid"; wait "$peer_pid" 2>/dev/null || true
