#!/usr/bin/env bash
# Install what lineage's tests use besides cargo:
#   - Debian packages: Graphviz (dot), Chromium and fonts (real Mermaid rendering),
#     rsvg-convert (SVG to PNG, to look at a figure);
#   - tests/js/node_modules: mermaid-cli, puppeteer, mermaid (current) and
#     mermaid 11.3 (the version GitHub uses), from tests/js/package-lock.json;
#   - tests/py/site: cmarkgfm (GitHub's cmark-gfm Markdown parser), pinned,
#     for tests/markdown_real.rs.
#
# Idempotent and quick on a second run: apt is skipped when every package is
# installed, npm is skipped when node_modules matches the lock file.
# Needs root (or sudo) for apt, Node.js >= 20 and npm. Puppeteer never downloads
# a browser of its own: the tests use /usr/bin/chromium.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JS_DIR="$ROOT/tests/js"
APT_PACKAGES=(graphviz chromium fonts-liberation fonts-dejavu-core fonts-noto-cjk librsvg2-bin)

log() { printf 'install-test-tools: %s\n' "$*" >&2; }

# ---- Debian packages ---------------------------------------------------------

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

wait_for_apt() {
    # Another apt/dpkg (e.g. one started by hand or by unattended-upgrades) holds the lock:
    # wait for it rather than fail. apt-get itself also waits, via -o DPkg::Lock::Timeout.
    local waited=0
    while { command -v fuser >/dev/null && fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1; } \
        || pgrep -x 'apt|apt-get|dpkg' >/dev/null 2>&1; do
        if (( waited % 30 == 0 )); then log "waiting for another apt/dpkg to finish (${waited}s)"; fi
        sleep 2
        waited=$((waited + 2))
        if (( waited > 1200 )); then log "apt is still busy after ${waited}s; trying anyway"; break; fi
    done
}

if (( ${#missing[@]} > 0 )); then
    log "installing Debian packages: ${missing[*]}"
    SUDO=()
    if (( EUID != 0 )); then
        command -v sudo >/dev/null || { log "need root (or sudo) to install: ${missing[*]}"; exit 1; }
        SUDO=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    wait_for_apt
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q
    wait_for_apt
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${APT_PACKAGES[@]}"
else
    log "Debian packages already installed"
fi

# ---- npm packages --------------------------------------------------------------

command -v node >/dev/null || { log "node is missing (Node.js >= 20 is needed)"; exit 1; }
command -v npm >/dev/null || { log "npm is missing"; exit 1; }

export PUPPETEER_SKIP_DOWNLOAD=true   # never let puppeteer fetch a browser: use /usr/bin/chromium
export PUPPETEER_SKIP_CHROME_DOWNLOAD=true
export PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=true

cd "$JS_DIR"
stamp="node_modules/.lineage-install-stamp"
lock_sum() { sha256sum package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }

if [[ -f package-lock.json && -f "$stamp" && "$(cat "$stamp")" == "$(lock_sum)" \
      && -f node_modules/mermaid/dist/mermaid.min.js \
      && -f node_modules/mermaid-11-3/dist/mermaid.min.js \
      && -d node_modules/puppeteer ]]; then
    log "tests/js/node_modules is up to date"
else
    npm_flags=(--no-audit --no-fund --loglevel=error)
    if [[ -f package-lock.json ]]; then
        log "npm ci in tests/js"
        npm ci "${npm_flags[@]}"
    else
        log "npm install in tests/js (no package-lock.json)"
        npm install "${npm_flags[@]}"
    fi
    lock_sum > "$stamp"
fi

# ---- Python: GitHub's Markdown parser --------------------------------------------

PY_SITE="$ROOT/tests/py/site"
CMARKGFM=cmarkgfm==2025.10.22
if PYTHONPATH="$PY_SITE" python3 -c 'import cmarkgfm' 2>/dev/null; then
    log "tests/py/site is up to date"
else
    command -v python3 >/dev/null || { log "python3 is missing"; exit 1; }
    if ! python3 -m pip --version >/dev/null 2>&1; then
        log "installing python3-pip"
        SUDO=()
        if (( EUID != 0 )); then SUDO=(sudo); fi
        wait_for_apt
        "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3-pip
    fi
    log "pip install $CMARKGFM into tests/py/site"
    # --target: into the project's folder, never the system's Python.
    python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore \
        --target "$PY_SITE" "$CMARKGFM"
fi

log "ok: $(dot -V 2>&1), $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?'), node $(node --version)," \
    "mermaid $(node -p "require('./node_modules/mermaid/package.json').version")" \
    "and $(node -p "require('./node_modules/mermaid-11-3/package.json').version"), cmarkgfm"
