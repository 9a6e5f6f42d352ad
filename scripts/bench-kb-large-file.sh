#!/usr/bin/env bash
# Measures `fte kb ingest` on one very large text file, the case of issue 15 (a 50 MB file ran
# more than 90 s without output and took 500 MB): with the default limit (FTE_KB_MAX_FILE_BYTES,
# 10 MB) the file is refused at once; a file just under the limit is ingested with progress lines.
# Reports wall time, peak RSS (GNU time) and the progress lines printed, on the local PostgreSQL
# (scripts/pg.sh start first). Figures go to standard output; record them in docs/benchmarks.md.
#
#   BIG_MB=50      size of the refused file     AT_LIMIT_MB=9.5  size of the file under the limit
#   SCRATCH=.build-embed-release  SwiftPM scratch path of the release build (BIN=DIR to use a built fte)
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

BIG_MB="${BIG_MB:-50}"
AT_LIMIT_MB="${AT_LIMIT_MB:-9.5}"
SCRATCH="${SCRATCH:-.build-embed-release}"
DB=fte_bench_kb_large
"$FTE_ROOT/scripts/pg.sh" status || die "the local PostgreSQL is not running: scripts/pg.sh start"
[ -x /usr/bin/time ] || die "GNU time is needed (Debian package time)"

if [ -n "${BIN:-}" ]; then
    FTE="$BIN/fte"
else
    log "building fte (release, scratch path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" --product fte >&2
    FTE="$SCRATCH/release/fte"
fi
psql() { "$FTE_ROOT/scripts/pg.sh" psql -v ON_ERROR_STOP=1 -qAt "$@"; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Support-article-like prose: headed sections of varied sentences, so chunking and embedding do
# real work (one repeated line would be unrealistically cheap to chunk).
python3 - "$tmp" "$BIG_MB" "$AT_LIMIT_MB" <<'PY'
import os, random, sys
words = ("board card column export import invite member owner seat plan invoice workspace report chart "
         "filter label comment mention notification password login token webhook calendar timeline roadmap "
         "sprint template archive restore permission guest admin integration sync mobile offline").split()
def write(path, megabytes):
    rng = random.Random(7)
    with open(path, "w") as f:
        size, section = 0, 0
        while size < megabytes * (1 << 20):
            section += 1
            text = f"Section {section}: {' '.join(rng.choice(words) for _ in range(3)).title()}\n"
            for _ in range(rng.randint(3, 8)):
                sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20)))
                text += sentence.capitalize() + ". "
            text += "\n\n"
            f.write(text)
            size += len(text)
os.makedirs(os.path.join(sys.argv[1], "big"))
os.makedirs(os.path.join(sys.argv[1], "limit"))
write(os.path.join(sys.argv[1], "big", "export.txt"), float(sys.argv[2]))
write(os.path.join(sys.argv[1], "limit", "manual.txt"), float(sys.argv[3]))
PY

psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export FTE_DATABASE_URL="$(local_database_url "$DB")"
"$FTE" migrate >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%d)   commit: $(git rev-parse --short HEAD)"

# Runs fte with the given arguments; prints wall time, peak RSS (wait4), what was refused, and
# how often a line reached standard error (the longest silence), which is what a person or a CI
# log sees of the progress.
run() {  # label, then fte's arguments
    python3 - "$FTE" "$@" <<'PY'
import json, os, subprocess, sys, threading, time
label, argv = sys.argv[2], [sys.argv[1]] + sys.argv[3:] + ["--format", "json"]
started = time.monotonic()
process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
stamps = [started]
errors = []
def read_errors():
    for line in process.stderr:
        stamps.append(time.monotonic())
        errors.append(line.rstrip())
reader = threading.Thread(target=read_errors)
reader.start()
out = process.stdout.read()
_, status, usage = os.wait4(process.pid, 0)
reader.join()
ended = time.monotonic()
stamps.append(ended)
if not out.strip():
    sys.exit(f"{label}: no summary; fte exited {os.waitstatus_to_exitcode(status)}: " + " | ".join(errors[-3:]))
summary = json.loads(out)
silence = max(b - a for a, b in zip(stamps, stamps[1:]))
print(f"{label}: {ended - started:.1f} s wall, peak RSS {usage.ru_maxrss / 1024:.0f} MB, exit {os.waitstatus_to_exitcode(status)}, "
      f"{len(summary['added'])} added, {len(summary['failed'])} refused, {summary['chunks_embedded']} chunks, "
      f"{len(stamps) - 2} lines on standard error, longest silence {silence:.1f} s")
for line in summary["failed"]:
    print(f"  refused: {line}")
PY
}
run "$BIG_MB MB file, default limit" kb ingest "$tmp/big"
run "$AT_LIMIT_MB MB file, under the default limit" kb ingest "$tmp/limit"
