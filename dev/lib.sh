# Shared helpers for dev/run and dev/test. Source it from bash with `set -euo pipefail` already on.
# shellcheck shell=bash

FOVEA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# What building the app needs (Tauri on WebKitGTK), and what testing it adds (a virtual display, WebKit's WebDriver,
# pdftoppm for looking at PDFs, python3 for a test that holds the database lock from another program). The list BUILDING.md gives, plus xauth, which xvfb-run needs.
# shellcheck disable=SC2034  # used by dev/run and dev/test
FOVEA_BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
# shellcheck disable=SC2034
FOVEA_TEST_PACKAGES=(xvfb xauth webkit2gtk-driver poppler-utils git python3)

# Node: Vite 8 needs ^20.19 or >= 22.12.
FOVEA_NODE_MIN="20.19.0"

if [[ -t 1 ]]; then
  _bold=$'\e[1m' _red=$'\e[31m' _green=$'\e[32m' _reset=$'\e[0m'
else
  _bold="" _red="" _green="" _reset=""
fi

FOVEA_STEPS=()
_step_name=""
_step_start=0

# step "Heading": closes the previous step (recording its time) and announces the next.
step() {
  _end_step
  _step_name="$1"
  _step_start=$SECONDS
  printf '\n%s==> %s%s\n' "$_bold" "$1" "$_reset"
}

_end_step() {
  if [[ -n "$_step_name" ]]; then
    FOVEA_STEPS+=("$(printf '%4ss  %s' "$((SECONDS - _step_start))" "$_step_name")")
    _step_name=""
  fi
}

# Call once from a script: on any failure, says which step failed.
trap_failures() {
  trap '_on_exit $?' EXIT
}

_on_exit() {
  local status=$1
  if [[ $status -ne 0 && -n "$_step_name" ]]; then
    printf '\n%sFAILED: %s (exit status %s)%s\n' "$_red$_bold" "$_step_name" "$status" "$_reset" >&2
  fi
}

die() {
  printf '%serror:%s %s\n' "$_red$_bold" "$_reset" "$*" >&2
  exit 1
}

note() {
  printf '    %s\n' "$*"
}

# Runs a command as root: directly when we are root, else through sudo (never prompting under CI or without a
# terminal, where a prompt would hang).
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    if [[ -n "${CI:-}" || ! -t 0 ]]; then sudo -n "$@"; else sudo "$@"; fi
  else
    die "need root to run: $*  (install sudo, or run this as root)"
  fi
}

_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# ensure_packages PKG...: installs, with apt-get, those not installed yet; does nothing when all are.
ensure_packages() {
  if ! command -v dpkg-query >/dev/null; then
    note "not a Debian-like system: make sure these are installed: $*"
    return 0
  fi
  local missing=() pkg
  for pkg in "$@"; do
    _installed "$pkg" || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    note "all ${#} system packages present"
    return 0
  fi
  note "installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# Makes cargo available: from ~/.cargo/env if it is there, else by installing rustup (non-interactive).
ensure_rust() {
  if ! command -v cargo >/dev/null; then
    if [[ -f "${CARGO_HOME:-$HOME/.cargo}/env" ]]; then
      # shellcheck disable=SC1091
      . "${CARGO_HOME:-$HOME/.cargo}/env"
    fi
  fi
  if ! command -v cargo >/dev/null; then
    note "cargo not found: installing Rust with rustup"
    command -v curl >/dev/null || ensure_packages curl ca-certificates
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
      sh -s -- -y --no-modify-path --profile minimal --component rustfmt,clippy
    # shellcheck disable=SC1091
    . "${CARGO_HOME:-$HOME/.cargo}/env"
  fi
  note "$(cargo --version)"
}

# rustfmt and clippy, which dev/test needs; added through rustup when it manages the toolchain.
ensure_rust_components() {
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v rustup >/dev/null || die "cargo ${missing[*]} missing; install them with your Rust toolchain"
  rustup component add "${missing[@]}"
}

_version_ge() { # _version_ge A B: A >= B (dotted numbers)
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]
}

# Node and npm must already be there: which way to install them is the developer's choice, so we only say how.
ensure_node() {
  local have=""
  command -v node >/dev/null && have="$(node --version 2>/dev/null | sed 's/^v//')"
  if [[ -z "$have" ]] || ! _version_ge "$have" "$FOVEA_NODE_MIN" || ! command -v npm >/dev/null; then
    cat >&2 <<EOF
${_red}${_bold}Node.js ${FOVEA_NODE_MIN} or newer (with npm) is needed${_reset}; found: ${have:-none}.
Debian 12's own nodejs package is too old. Install a current LTS, for example:
  curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash - && sudo apt-get install -y nodejs
or with nvm (https://github.com/nvm-sh/nvm):  nvm install 22
then run this script again.
EOF
    exit 1
  fi
  note "node v$have, npm $(npm --version 2>/dev/null)"
}

# npm_ci_if_needed DIR: `npm ci` in DIR when node_modules is missing or package-lock.json changed since the last one.
npm_ci_if_needed() {
  local dir="$FOVEA_ROOT/$1" stamp want
  [[ -f "$dir/package-lock.json" ]] || die "$1/package-lock.json is missing"
  stamp="$dir/node_modules/.fovea-lock.sha256"
  want="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [[ -d "$dir/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    note "$1: dependencies up to date"
    return 0
  fi
  note "$1: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund)
  printf '%s\n' "$want" >"$stamp"
}

# The app embeds ui/dist when it compiles, so any cargo build of src-tauri needs it to exist.
ensure_ui_dist() {
  if [[ ! -f "$FOVEA_ROOT/ui/dist/index.html" ]]; then
    note "ui/dist is missing and the app embeds it at compile time: building the UI"
    (cd "$FOVEA_ROOT/ui" && npm run build)
  fi
}

ensure_tauri_driver() {
  if command -v tauri-driver >/dev/null; then
    note "tauri-driver present"
  else
    note "installing tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
}
