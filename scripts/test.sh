#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine: installs what is missing (Debian
# packages, PostgreSQL 16 + pgvector, the embedding model, Selenium + headless Chromium), starts
# the local PostgreSQL if it is not running (and stops it again afterwards), builds, and runs
# every test.
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

"$FTE_ROOT/scripts/setup.sh"

if ! "$FTE_ROOT/scripts/pg.sh" status; then
    "$FTE_ROOT/scripts/pg.sh" start
    trap '"$FTE_ROOT/scripts/pg.sh" stop' EXIT
fi

log "building fte and its tests"
swift build --build-tests
bin="$(swift build --show-bin-path)"

log "running the tests"
# At most 12 tests at a time (Swift Testing's knob; unset, it starts all 568 at once). On 2 cores
# the suite takes as long (134 s against 137 s; 6 at a time: 174 s), but it no longer creates
# dozens of scratch databases together and starves the tests that watch the clock.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-12}"
FTE_TEST_DATABASE_URL="$(local_database_url postgres)" FTE_BINARY="$bin/fte" \
    FTE_BROWSER_PYTHON="$FTE_BROWSER_PYTHON" swift test --skip-build "$@"
