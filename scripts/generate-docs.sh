#!/usr/bin/env bash
# Regenerates what is derived from the CLI: the man page (man/fte.1, ArgumentParser's
# generate-manual plugin) and the shell completions (completions/). Run it whenever a command,
# option or help text changes; a test fails when the committed files are stale.
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

swift build --product fte >&2
fte="$(swift build --show-bin-path)/fte"

log "man page"
swift package plugin generate-manual --date "$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)" \
    --authors "the fte developers" >&2
mkdir -p man
cp "$(find .build/plugins -path '*GenerateManual*' -name 'fte.1' | head -1)" man/fte.1

log "shell completions"
mkdir -p completions
"$fte" --generate-completion-script bash > completions/fte.bash
"$fte" --generate-completion-script zsh > completions/_fte
"$fte" --generate-completion-script fish > completions/fte.fish
log "wrote man/fte.1 and completions/{fte.bash,_fte,fte.fish}"
