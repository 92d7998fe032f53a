# Shared by scripts/demo and scripts/test: find the repo, check Node, bring the pinned pnpm.
# pnpm is installed into .tools/ inside the checkout (never globally) with the npm that
# ships with Node, so a machine with only Node >= 20 and npm can run the quick start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
export SCARF_ANALYTICS=false

if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
  log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
else
  log() { printf '==> %s\n' "$*" >&2; }
fi
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_node() {
  command -v node >/dev/null 2>&1 || die "Node.js >= 20.19 is required (https://nodejs.org)"
  command -v npm >/dev/null 2>&1 || die "npm is required (it ships with Node.js)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js >= 20.19 is required, found $(node --version)"
}

# The version named by packageManager in package.json, so the two never disagree.
pnpm_version() {
  node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$ROOT/package.json"
}

ensure_pnpm() {
  require_node
  local want bin
  want="$(pnpm_version)"
  bin="$ROOT/.tools/node_modules/.bin/pnpm"
  if [ ! -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "$want" ]; then
    log "installing pnpm $want into .tools/ (project-local)"
    mkdir -p "$ROOT/.tools"
    npm install --prefix "$ROOT/.tools" --no-audit --no-fund --no-save --loglevel=error "pnpm@$want" >&2
  fi
  PNPM="$bin"
  # turbo looks pnpm up on PATH.
  export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
}

pnpm() { "$PNPM" "$@"; }

install_deps() {
  ensure_pnpm
  log "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$ROOT" && pnpm install --frozen-lockfile --prefer-offline --reporter=append-only) >&2
}
