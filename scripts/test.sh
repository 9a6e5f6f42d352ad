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
FTE_TEST_DATABASE_URL="$(local_database_url postgres)" FTE_BINARY="$bin/fte" \
    FTE_BROWSER_PYTHON="$FTE_BROWSER_PYTHON" swift test --skip-build "$@"
