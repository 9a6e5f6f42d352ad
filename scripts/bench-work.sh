#!/usr/bin/env bash
# Benchmarks one `fte work` process on each queue: web-form messages from many customers
# (questions of samples/knowledge-base-questions.jsonl) answered by a scripted OpenAI-compatible
# model (`fte-scripted-llm`) that takes two tool turns per message (a knowledge-base search,
# then send_response) and waits DELAY ms per turn. Each run prints messages/s from the first
# event queued until every message has its reply, the worker's own processing time per message
# (the reply's latency less its waits for the model, `latency_ms - model_latency_ms`) p50/p95,
# the machine's busy CPU time per message, and the worker's peak RSS. Each run starts with a
# warm-up that is not counted (WARMUP messages at the run's rate, answered before the
# measured messages are queued).
#
# Two kinds of run: all messages queued at once (the most the worker can do), and messages
# arriving at a steady rate (PACED, `delay:rate:seconds` each), which shows the own time of a
# worker that keeps up, without the waits of a burst of thousands. The PostgreSQL queue gets the
# events by INSERT; Kafka (librdkafka's mock cluster, 3 brokers, 6 partitions, hosted by
# `fte-mock-kafka`) from an aiokafka producer (installed into PEER_VENV as scripts/bench-serve.sh
# does). Run `scripts/pg.sh start` first; record the figures in docs/benchmarks.md.
#
#   MESSAGES=4000  SLOW_MESSAGES=4000  CUSTOMERS=1000  QUEUES="postgres kafka"
#   POOL=10                FTE_DATABASE_POOL_SIZE of the worker (fte's default)
#   CONCURRENCY=300        messages in flight with the 0 ms model
#   SLOW_CONCURRENCY=400   with the 1,000 ms model: two turns take 2 s, so 150 msg/s needs 300
#   PACED="0:250:20 1000:160:25"   steady-rate runs (empty: none)
#   WARMUP=500             messages each run sends first, at its rate, and does not count
#   SCRATCH=.build-release  PEER_VENV=.local/peer-gateway-venv
#   BIN=DIR  run the fte, fte-scripted-llm and fte-mock-kafka already built in DIR (to compare builds)
#   UNIQUE=1  every message's text differs (a greeting naming the customer, the question, a
#             sign-off), so no embedding comes from the worker's query cache; by default the 77
#             questions repeat and, after the warm-up, nearly every embedding is a cache hit
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

MESSAGES="${MESSAGES:-4000}"
SLOW_MESSAGES="${SLOW_MESSAGES:-4000}"
CUSTOMERS="${CUSTOMERS:-1000}"
CONCURRENCY="${CONCURRENCY:-300}"
SLOW_CONCURRENCY="${SLOW_CONCURRENCY:-400}"
PACED="${PACED-0:250:20 1000:160:25}"
WARMUP="${WARMUP:-500}"
POOL="${POOL:-10}"
SCRATCH="${SCRATCH:-.build-release}"
QUEUES="${QUEUES:-postgres kafka}"
PEER_VENV="${PEER_VENV:-$FTE_LOCAL/peer-gateway-venv}"
TOPIC=fte.tickets.incoming
DB=fte_bench_work
"$FTE_ROOT/scripts/pg.sh" status || die "the local PostgreSQL is not running: scripts/pg.sh start"

if [ -n "${BIN:-}" ]; then
    log "using the binaries in $BIN (not rebuilt)"
else
    log "building fte and fte-scripted-llm (release, scratch path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" --product fte >&2
    swift build -c release --scratch-path "$SCRATCH" --product fte-scripted-llm >&2
    swift build -c release --scratch-path "$SCRATCH" --product fte-mock-kafka >&2
    BIN="$SCRATCH/release"
fi
psql() { "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

log "scratch database $DB with the sample knowledge base"
psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export FTE_DATABASE_URL; FTE_DATABASE_URL="$(local_database_url "$DB")"
"$BIN/fte" migrate >/dev/null
"$BIN/fte" kb ingest samples/knowledge-base >/dev/null

# events COUNT: one web-form event per line as "partition key<TAB>JSON", customers and
# questions cycled.
events() {
    python3 - "$1" "$CUSTOMERS" "${UNIQUE:-0}" <<'PY'
import json, sys, uuid, datetime
count, customers, unique = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
questions = [json.loads(line)["question"] for line in open("samples/knowledge-base-questions.jsonl") if line.strip()]
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
greetings = ["Hi, this is {name}.", "Hello, {name} here.", "Good morning! My name is {name}.", "Hey, it's {name}."]
signoffs = ["Thanks!", "Thank you in advance.", "Cheers", "Many thanks for your help."]
def content(i):
    question = questions[i % len(questions)]
    if not unique:
        return question
    # a distinct (customer, question, greeting, sign-off) for each of the first lcm(...) messages
    name = f"Customer {i % customers} (order {100000 + i})"
    return f"{greetings[i % 4].format(name=name)} {question} {signoffs[(i // 4) % 4]}"
for i in range(count):
    ticket = str(uuid.uuid4())
    email = f"customer{i % customers}@bench.example"
    event = {"version": 1, "event_id": str(uuid.uuid4()), "channel": "web_form", "channel_message_id": ticket,
             "customer": {"email": email, "name": f"Customer {i % customers}"}, "subject": "Question",
             "content": content(i), "category": "technical", "priority": "medium",
             "received_at": now, "metadata": {}}
    print(email + "\t" + json.dumps(event))
PY
}

# queue_postgres FILE RATE: the events into event_queue: all in one INSERT (RATE 0), or RATE a
# second, an INSERT every 50 ms.
queue_postgres() {
    python3 - "$1" "$2" <<'PY' | psql -d "$DB"
import json, sys, time
rows = []
for line in open(sys.argv[1]):
    key, payload = line.rstrip("\n").split("\t", 1)
    event = json.loads(payload)
    rows.append("('%s', 'web_form', '%s', '%s', '%s')" % (
        event["event_id"], event["channel_message_id"], key, payload.replace("'", "''")))
rate, tick = float(sys.argv[2]), 0.05
per_tick = rate * tick if rate > 0 else len(rows)
start, sent, k = time.monotonic(), 0, 0
while sent < len(rows):
    k += 1
    due = min(len(rows), round(k * per_tick))
    if due > sent:
        print("INSERT INTO event_queue (event_id, channel, channel_message_id, partition_key, payload) VALUES")
        print(",\n".join(rows[sent:due]) + ";", flush=True)
        sent = due
    pause = start + k * tick - time.monotonic()
    if sent < len(rows) and pause > 0:
        time.sleep(pause)
PY
}

# queue_kafka FILE RATE: the events produced to the topic (acks=all), keyed by customer: as
# fast as possible (RATE 0), or RATE a second.
queue_kafka() {
    "$PEER_VENV/bin/python" - "$BROKERS" "$TOPIC" "$1" "$2" <<'PY'
import asyncio, sys, time
from aiokafka import AIOKafkaProducer
async def main(brokers, topic, path, rate):
    rate = float(rate)
    producer = AIOKafkaProducer(bootstrap_servers=brokers, acks="all", linger_ms=5)
    await producer.start()
    try:
        sent, start = [], time.monotonic()
        for index, line in enumerate(open(path)):
            if rate > 0:
                pause = start + index / rate - time.monotonic()
                if pause > 0:
                    await asyncio.sleep(pause)
            key, payload = line.rstrip("\n").split("\t", 1)
            sent.append(await producer.send(topic, payload.encode(), key=key.encode()))
        await asyncio.gather(*sent)
    finally:
        await producer.stop()
asyncio.run(main(*sys.argv[1:]))
PY
}

# answered: how many messages have a reply.
answered() {
    psql -d "$DB" -c "SELECT count(*) FROM messages WHERE direction = 'outbound'"
}

# busy_cpu_ms: CPU time the whole machine has spent busy (all cores, not idle or iowait), in ms.
busy_cpu_ms() {
    awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print int(($2 + $3 + $4 + $7 + $8) * 1000 / hz)}' /proc/stat
}

# run QUEUE LABEL DELAY_MS COUNT RATE CONCURRENCY: one measured run with a fresh model and
# worker (and, on Kafka, a fresh mock cluster); the events queued at once (RATE 0) or RATE a
# second.
run() {
    local queue="$1" label="$2" delay="$3" count="$4" rate="$5" concurrency="$6"
    local llm_out worker_out url queue_env=() mock_pid=""
    [ "$count" -gt 0 ] || return 0
    psql -d "$DB" -c "TRUNCATE event_queue, outbox, messages, tickets, conversations, customers CASCADE"
    if [ "$queue" = kafka ]; then
        # The last run's file goes first (the redirection truncates it only once the process has
        # started; until then the wait below would read that run's brokers).
        rm -f "$FTE_LOCAL/bench-work-kafka.txt"
        "$BIN/fte-mock-kafka" --brokers 3 --partitions 6 --topic "$TOPIC" > "$FTE_LOCAL/bench-work-kafka.txt" & pids+=($!)
        mock_pid=$!
        for _ in $(seq 100); do [ -s "$FTE_LOCAL/bench-work-kafka.txt" ] && break; sleep 0.1; done
        BROKERS="$(head -1 "$FTE_LOCAL/bench-work-kafka.txt")"
        [ -n "$BROKERS" ] || die "the mock cluster did not start"
        queue_env=(FTE_KAFKA_BROKERS="$BROKERS")
    fi
    llm_out="$(mktemp)"; worker_out="$(mktemp)"
    "$BIN/fte-scripted-llm" --delay-ms "$delay" >"$llm_out" & pids+=($!)
    for _ in $(seq 100); do [ -s "$llm_out" ] && break; sleep 0.1; done
    url="$(head -1 "$llm_out")"
    env "${queue_env[@]}" FTE_LLM_BASE_URL="$url" FTE_LLM_API_KEY=bench-llm-key FTE_DATABASE_POOL_SIZE="$POOL" \
        FTE_LOG_LEVEL=warning FTE_WORKER_PORT=0 "$BIN/fte" work --concurrency "$concurrency" >"$worker_out" 2>&1 & pids+=($!)
    local worker=$!
    for _ in $(seq 300); do grep -q "fte work: processing" "$worker_out" && break; sleep 0.1; done
    # Warm-up, not counted: connections opened, statements prepared, query vectors cached.
    events "$WARMUP" > "$worker_out.warmup"
    "queue_$queue" "$worker_out.warmup" "$rate"
    while [ "$(answered)" -lt "$WARMUP" ]; do sleep 0.5; done
    events "$count" > "$worker_out.events"
    local measured_from; measured_from="$(psql -d "$DB" -c "SELECT now()")"
    local cpu_start; cpu_start="$(busy_cpu_ms)"
    "queue_$queue" "$worker_out.events" "$rate"
    # Polled slowly (each poll is a psql process and a server connection); the elapsed time
    # comes from the database: first event queued to last reply stored.
    while [ "$(answered)" -lt "$((WARMUP + count))" ]; do sleep 0.5; done
    local cpu_ms=$(( $(busy_cpu_ms) - cpu_start ))
    local elapsed; elapsed="$(psql -d "$DB" -c "
        SELECT extract(epoch FROM max(created_at) - '$measured_from'::timestamptz) FROM messages WHERE direction = 'outbound'")"
    local rss; rss="$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$worker/status")"
    kill "$worker"; wait "$worker" 2>/dev/null || true
    [ -n "$mock_pid" ] && { kill "$mock_pid"; wait "$mock_pid" 2>/dev/null || true; }
    local stats
    # Own time: from the event's start in the worker to its stored reply, less the waits for the model.
    stats="$(psql -d "$DB" -F ' ' -c "
        SELECT count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY r.latency_ms - coalesce(r.model_latency_ms, 0)),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY r.latency_ms - coalesce(r.model_latency_ms, 0)),
               count(*) FILTER (WHERE r.answered_by = 'model'), count(*) FILTER (WHERE r.answered_by = 'builtin')
        FROM messages r JOIN messages m ON m.id = r.reply_to_message_id
        WHERE m.created_at >= '$measured_from'")"
    read -r replies p50 p95 model builtin <<<"$stats"
    printf '%-50s %6d messages in %6.1f s = %7.1f msg/s   own time p50 %5.0f ms p95 %5.0f ms   CPU %5.2f ms/msg   replies %d (model %d, built-in %d)   peak RSS %s\n' \
        "$label" "$count" "$elapsed" "$(python3 -c "print($count / $elapsed)")" \
        "$p50" "$p95" "$(python3 -c "print($cpu_ms / $count)")" "$replies" "$model" "$builtin" "$rss"
    rm -f "$llm_out" "$worker_out" "$worker_out.events" "$worker_out.warmup"
}

log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); concurrency $CONCURRENCY, pool $POOL"
for queue in $QUEUES; do
    case "$queue" in
        postgres) name="PostgreSQL queue" ;;
        kafka)
            name="Kafka (mock cluster)"
            if [ ! -x "$PEER_VENV/bin/python" ] || ! "$PEER_VENV/bin/python" -c 'import aiokafka' 2>/dev/null; then
                log "installing aiokafka into $PEER_VENV (the producer)"
                python3 -m venv "$PEER_VENV"
                "$PEER_VENV/bin/pip" install -q aiokafka
            fi ;;
        *) die "unknown queue $queue (QUEUES takes postgres and kafka)" ;;
    esac
    run "$queue" "$name, model 0 ms, all queued" 0 "$MESSAGES" 0 "$CONCURRENCY"
    run "$queue" "$name, model 1000 ms/turn, all queued" 1000 "$SLOW_MESSAGES" 0 "$SLOW_CONCURRENCY"
    for spec in $PACED; do
        IFS=: read -r delay rate seconds <<<"$spec"
        run "$queue" "$name, model $delay ms/turn, $rate msg/s for ${seconds}s" "$delay" "$((rate * seconds))" "$rate" \
            "$([ "$delay" -gt 0 ] && echo "$SLOW_CONCURRENCY" || echo "$CONCURRENCY")"
    done
done
