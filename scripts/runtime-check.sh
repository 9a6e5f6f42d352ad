#!/usr/bin/env bash
# Proves the Dockerfile's runtime stage without Docker: builds its root file system with
# `debootstrap --variant=minbase bookworm` plus exactly the packages its `apt-get install` names
# (read from the Dockerfile), runs its other RUN commands in it, copies in the release binary
# and the models where its COPY lines put them, and then, in a chroot as uid 10001 with the
# Dockerfile's ENV, runs `fte --version`, `fte migrate`, `fte kb ingest samples/knowledge-base`,
# `fte kb search`, `fte serve` until /ready answers 200, and `fte work` until its /ready
# answers 200 — against the local PostgreSQL over 127.0.0.1. A missing shared library fails it.
#
#   scripts/runtime-check.sh [BINARY]   (default: a release build, made if missing)
#
# Needs root (debootstrap, chroot, mounts) and Debian's mirror. The debootstrapped tree is
# cached in $FTE_CACHE/runtime-rootfs, keyed by the package list; the PostgreSQL server is the
# one scripts/pg.sh runs (started here when it is not running).
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

[ "$(id -u)" -eq 0 ] || die "the runtime check needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || die "debootstrap is missing: scripts/deploy-check.sh installs it"

DOCKERFILE="$FTE_ROOT/Dockerfile"
ROOTFS="$FTE_LOCAL/runtime-rootfs"
CHECK_DB="fte_runtime_check"
# Two loopback ports free a moment ago (others may run this check on the same machine).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SERVE_PORT="$(free_port)"
WORK_PORT="$(free_port)"

# --- what the Dockerfile says -----------------------------------------------------------------

# The runtime stage's instructions, continuation lines joined, comments dropped.
runtime_stage() {
    awk '/^FROM .* AS runtime/{on=1; next} /^FROM /{on=0} on' "$DOCKERFILE" \
        | grep -v '^[[:space:]]*#' | sed -e ':a' -e '/\\$/N; s/\\\n//; ta'
}

# The packages of the runtime stage's `apt-get install`.
runtime_packages() {
    runtime_stage | grep -o 'apt-get install [^&]*' | head -1 \
        | tr -s ' ' '\n' | grep -v -e '^-' -e '^apt-get$' -e '^install$' -e '^$'
}

# The runtime stage's RUN commands other than the package installation.
runtime_runs() {
    runtime_stage | sed -n 's/^RUN //p' | grep -v 'apt-get'
}

# `KEY=VALUE` lines of the runtime stage's ENV instructions.
runtime_env() {
    runtime_stage | sed -n 's/^ENV //p' | tr -s ' ' '\n' | grep '='
}

# The destination of the runtime stage's `COPY --from=STAGE`.
copy_destination() {
    runtime_stage | awk -v stage="--from=$1" '$1 == "COPY" && $2 == stage { print $NF }'
}

PACKAGES=($(runtime_packages))
[ ${#PACKAGES[@]} -gt 0 ] || die "no apt-get install found in the Dockerfile's runtime stage"
BINARY_DEST="$(copy_destination build)"
MODELS_DEST="$(copy_destination models)"
[ -n "$BINARY_DEST" ] && [ -n "$MODELS_DEST" ] || die "the runtime stage has no COPY --from=build / --from=models"
log "runtime packages (from the Dockerfile): ${PACKAGES[*]}"

# --- the root file system -----------------------------------------------------------------------

build_rootfs() {
    local key
    key="$( (printf '%s\n' "${PACKAGES[@]}"; runtime_runs) | sha256sum | cut -c1-16)"
    local cached="$FTE_CACHE/runtime-rootfs/bookworm-minbase-$key.tar"
    unmount_all
    rm -rf "$ROOTFS"
    mkdir -p "$ROOTFS"
    if [ -f "$cached" ]; then
        log "unpacking the cached runtime root file system ($cached)"
        tar -xpf "$cached" -C "$ROOTFS"
        return
    fi
    log "debootstrap --variant=minbase bookworm + ${#PACKAGES[@]} packages (a few minutes on first use)"
    local include
    include="$(IFS=,; echo "${PACKAGES[*]}")"
    debootstrap --variant=minbase --include="$include" bookworm "$ROOTFS" http://deb.debian.org/debian \
        >"$FTE_LOCAL/debootstrap.log" 2>&1 || { tail -20 "$FTE_LOCAL/debootstrap.log" >&2; die "debootstrap failed (log: $FTE_LOCAL/debootstrap.log)"; }
    while IFS= read -r command; do
        log "RUN $command"
        chroot "$ROOTFS" /bin/sh -c "$command"
    done < <(runtime_runs)
    rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
    mkdir -p "$(dirname "$cached")"
    tar -cpf "$cached.partial" -C "$ROOTFS" . && mv "$cached.partial" "$cached"
    # Only the current package list's tree is kept.
    find "$(dirname "$cached")" -name 'bookworm-minbase-*.tar' ! -name "$(basename "$cached")" -delete
}

MOUNTS=()
mount_system() {
    for dir in proc sys dev; do
        mkdir -p "$ROOTFS/$dir"
    done
    mount -t proc proc "$ROOTFS/proc" && MOUNTS+=("$ROOTFS/proc")
    mount --rbind /sys "$ROOTFS/sys" && mount --make-rslave "$ROOTFS/sys" && MOUNTS+=("$ROOTFS/sys")
    mount --rbind /dev "$ROOTFS/dev" && mount --make-rslave "$ROOTFS/dev" && MOUNTS+=("$ROOTFS/dev")
}

unmount_all() {
    for dir in proc sys dev; do
        mountpoint -q "$ROOTFS/$dir" 2>/dev/null && umount -R -l "$ROOTFS/$dir"
    done
    MOUNTS=()
}

# --- the checks -------------------------------------------------------------------------------

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    unmount_all
}
trap cleanup EXIT

# as_fte CMD…: runs CMD in the chroot as uid 10001 with only the Dockerfile's ENV and the
# database. `exec`: started in the background, its job is fte itself, which gets the signals.
as_fte() {
    exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent \
        "${IMAGE_ENV[@]}" FTE_DATABASE_URL="postgres://fte@127.0.0.1:$FTE_PG_PORT/$CHECK_DB" FTE_LOG_LEVEL=warning \
        chroot --userspec=10001:10001 "$ROOTFS" "$@"
}

# wait_ready URL NAME PID: waits up to 60 s for URL to answer 200.
wait_ready() {
    for _ in $(seq 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && { log "$2: $1 answered 200"; return 0; }
        kill -0 "$3" 2>/dev/null || die "$2 exited before it was ready"
        sleep 0.1
    done
    die "$2 was not ready within 60 s ($1)"
}

BINARY="${1:-}"
if [ -z "$BINARY" ]; then
    log "building the release binary (swift build -c release --static-swift-stdlib)"
    swift build -c release --static-swift-stdlib --product fte
    BINARY="$(swift build -c release --static-swift-stdlib --show-bin-path)/fte"
fi
[ -x "$BINARY" ] || die "no binary at $BINARY"

"$FTE_ROOT/scripts/setup.sh"
if ! "$FTE_ROOT/scripts/pg.sh" status; then
    "$FTE_ROOT/scripts/pg.sh" start
    trap 'cleanup; "$FTE_ROOT/scripts/pg.sh" stop' EXIT
fi

build_rootfs
log "copying the binary to $BINARY_DEST and the models to $MODELS_DEST, as the Dockerfile does"
install -D -m 0755 "$BINARY" "$ROOTFS$BINARY_DEST"
mkdir -p "$ROOTFS$MODELS_DEST"
cp -r "$FTE_MODEL_HOME/all-MiniLM-L6-v2" "$FTE_MODEL_HOME/vader" "$ROOTFS$MODELS_DEST/"
chmod -R a+rX "$ROOTFS$MODELS_DEST"
mkdir -p "$ROOTFS/tmp/samples" && cp -r samples/knowledge-base "$ROOTFS/tmp/samples/" && chmod -R a+rX "$ROOTFS/tmp/samples"
mapfile -t IMAGE_ENV < <(runtime_env)
mount_system

missing="$(chroot "$ROOTFS" ldd "$BINARY_DEST" | grep 'not found' || true)"
[ -z "$missing" ] || die "shared libraries missing from the runtime image: $missing"

"$FTE_ROOT/scripts/pg.sh" psql -d postgres -q -c "DROP DATABASE IF EXISTS $CHECK_DB WITH (FORCE)" -c "CREATE DATABASE $CHECK_DB"

log "fte --version"
(as_fte fte --version)
log "fte migrate"
(as_fte fte migrate)
log "fte kb ingest samples/knowledge-base"
(as_fte fte kb ingest /tmp/samples/knowledge-base)
log "fte kb search"
hits="$(as_fte fte kb search "I never receive my two-factor code" -k 3 --format json)"
echo "$hits" | grep -q '"source"' || die "fte kb search found nothing: $hits"

log "fte serve"
as_fte fte serve --port "$SERVE_PORT" >"$FTE_LOCAL/runtime-serve.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$SERVE_PORT/ready" "fte serve" "${PIDS[-1]}"
log "fte work"
as_fte fte work --port "$WORK_PORT" >"$FTE_LOCAL/runtime-work.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$WORK_PORT/ready" "fte work" "${PIDS[-1]}"
curl -sf "http://127.0.0.1:$WORK_PORT/metrics" | grep '^fte_outbox_pending' >/dev/null || die "fte work's /metrics has no worker metrics"
for pid in "${PIDS[@]}"; do kill -TERM "$pid"; wait "$pid" || die "an fte process did not exit cleanly on SIGTERM"; done
PIDS=()
"$FTE_ROOT/scripts/pg.sh" psql -d postgres -q -c "DROP DATABASE IF EXISTS $CHECK_DB WITH (FORCE)"
log "runtime check passed: the runtime stage runs fte as uid 10001"
