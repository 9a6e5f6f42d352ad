#!/usr/bin/env bash
# Runs one command and prints its wall time, its own CPU time and the CPU time PostgreSQL spent
# for it: the local server's (scripts/pg.sh) reaped children, i.e. the backends and parallel
# workers of connections that closed meanwhile. Compare builds by alternating them; another
# client of the same server in the meantime counts too.
#   scripts/bench/pg-cpu.sh fte report --since 7d --format json
source "$(dirname "$0")/../common.sh"
(( $# > 0 )) || { echo "usage: scripts/bench/pg-cpu.sh COMMAND [ARGUMENTS…]" >&2; exit 64; }
pid_file="$FTE_LOCAL/pgdata/postmaster.pid"
[[ -r "$pid_file" ]] || die "the local PostgreSQL is not running: scripts/pg.sh start"
postmaster="$(head -1 "$pid_file")"
ticks="$(getconf CLK_TCK)"
# Fields 16 and 17 of /proc/PID/stat: the reaped children's user and system time, in ticks.
children_ticks() { awk '{ print $16 + $17 }' "/proc/$postmaster/stat"; }
times="$(mktemp)"
trap 'rm -f "$times"' EXIT
before="$(children_ticks)"
/usr/bin/time -f "%e %U %S" -o "$times" "$@" > /dev/null
sleep 0.3  # the backends exit and are reaped just after the client closes its connections
after="$(children_ticks)"
read -r wall user system < "$times"
awk -v w="$wall" -v u="$user" -v s="$system" -v d="$((after - before))" -v t="$ticks" \
    'BEGIN { printf "wall %.2f s, command CPU %.2f s, PostgreSQL CPU %.2f s\n", w, u + s, d / t }'
