#!/usr/bin/env bash
# Runs `fte simulate` (by default the 24-hour profile CI runs) against the local PostgreSQL:
# installs what is missing, starts PostgreSQL if it is not running (and stops it afterwards),
# builds, and passes its arguments on (e.g. --scale 20 --speed 180, --kafka, --seed 7).
# The database-restart fault really restarts the local server.
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

"$FTE_ROOT/scripts/setup.sh"

if ! "$FTE_ROOT/scripts/pg.sh" status; then
    "$FTE_ROOT/scripts/pg.sh" start
    trap '"$FTE_ROOT/scripts/pg.sh" stop' EXIT
fi

log "building fte"
swift build ${FTE_SIMULATE_BUILD_FLAGS:-}
bin="$(swift build ${FTE_SIMULATE_BUILD_FLAGS:-} --show-bin-path)"

mkdir -p "$FTE_ROOT/.build/simulation"
log "simulating (report: .build/simulation/report.html, process logs: .build/simulation/logs)"
"$bin/fte" simulate --database-url "$(local_database_url postgres)" \
    --database-restart-command "'$FTE_ROOT/scripts/pg.sh' restart" \
    --report "$FTE_ROOT/.build/simulation/report.html" --log-dir "$FTE_ROOT/.build/simulation/logs" "$@"
