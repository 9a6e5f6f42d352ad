#!/usr/bin/env bash
# Compares the local embedder of several fte binaries (builds, configurations) in one sitting:
# each embeds the same corpus with `fte kb embed --bench-file`, the binaries taking turns ROUNDS
# times, so a machine whose speed drifts weighs on all alike. Prints passages/s per run and, per
# binary, the median and its ratio to the first binary's. Record the figures in docs/benchmarks.md.
#
# Usage: scripts/bench-embed-builds.sh LABEL=PATH/TO/fte [LABEL=PATH/TO/fte …]
#   COUNT=300     passages in the corpus (shared/bench/make_corpus.py)
#   ROUNDS=3      turns per binary
#   FTE_EMBED_THREADS  threads (default: all cores)
#
# Example: a debug build against the release build of the same commit
#   scripts/bench-embed-builds.sh release=.build/release/fte debug=.build/debug/fte
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

[ $# -ge 1 ] || die "usage: $0 LABEL=PATH/TO/fte [LABEL=PATH/TO/fte …]"
COUNT="${COUNT:-300}"
ROUNDS="${ROUNDS:-3}"
THREADS="${FTE_EMBED_THREADS:-$(nproc)}"
SHARED="${FTE_SHARED:-$FTE_ROOT/../shared}"
[ -f "$SHARED/bench/make_corpus.py" ] || die "shared/bench not found at $SHARED (set FTE_SHARED)"

labels=()
binaries=()
for argument in "$@"; do
    label="${argument%%=*}" binary="${argument#*=}"
    [ -x "$binary" ] || die "$binary is not an executable fte"
    labels+=("$label")
    binaries+=("$binary")
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$SHARED/bench/make_corpus.py" "$tmp/corpus.jsonl" "$COUNT"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "date: $(date -u '+%Y-%m-%d %H:%M')   commit: $(git rev-parse --short HEAD)   threads: $THREADS   corpus: $COUNT passages"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
    for index in "${!binaries[@]}"; do
        FTE_EMBED_THREADS="$THREADS" "${binaries[$index]}" kb embed --bench-file "$tmp/corpus.jsonl" > "$tmp/out" \
            || die "${labels[$index]} failed"
        rate="$(awk '/^fte:/ { print $2 }' "$tmp/out")"
        tokenizing="$(sed -n 's/.*one thread: \([0-9.]*\) s).*/\1/p' "$tmp/out")"
        echo "round $round  ${labels[$index]}: $rate passages/s (tokenizing alone ${tokenizing} s)  load $(cut -d' ' -f1 /proc/loadavg)"
        echo "$rate" >> "$tmp/rates.$index"
    done
done

median() { sort -n "$1" | awk '{ r[NR] = $1 } END { print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'; }
first="$(median "$tmp/rates.0")"
for index in "${!binaries[@]}"; do
    value="$(median "$tmp/rates.$index")"
    echo "=== ${labels[$index]}: median $value passages/s, $(awk -v a="$value" -v b="$first" 'BEGIN { printf "%.2f", a / b }')x ${labels[0]}"
done
