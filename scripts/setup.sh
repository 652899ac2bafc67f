#!/usr/bin/env bash
# Creates the project's virtual environment (.venv) on Python 3.10 and installs the locked
# dependencies. Re-running it when requirements.lock and pyproject.toml are unchanged takes
# about a second, so every Make target can call it.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.installed"
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)

# Front-end packages (the widget's socket.io client, the review tool's charts) from the npm
# registry, per package-lock.json, served locally at run time.
install_npm() {
  local dir lock stamp
  for lock in bot/*/package-lock.json; do
    [ -f "$lock" ] || continue
    dir=$(dirname "$lock")
    stamp="$dir/node_modules/.kotobot-installed"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$(sha256sum "$lock" | cut -d' ' -f1)" ]; then
      command -v npm >/dev/null || { echo "setup: npm is needed for $dir (install Node.js)" >&2; exit 1; }
      echo "setup: installing $dir's npm packages"
      npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
      sha256sum "$lock" | cut -d' ' -f1 > "$stamp"
    fi
  done
}


# Debian packages, installed only when one is missing (root, as on this project's machines).
apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "setup: run as root, or install the Debian packages: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian's ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The cluster (`make run-cluster`, `setup.sh --cluster`): PostgreSQL, Redis and nginx.
CLUSTER_PACKAGES=(postgresql redis-server nginx)
# The tests (`setup.sh --test`): Chromium for the browser tests, and the cluster's packages.
TEST_PACKAGES=(chromium fonts-noto-core "${CLUSTER_PACKAGES[@]}")

# What the assistant needs at run time: Voikko's Finnish dictionary (base forms), and
# espeak-ng with opus-tools to read answers aloud (without them the listen controls are off).
apt_install voikko-fi libvoikko1 espeak-ng opus-tools
install_npm
case "${1:-}" in
  --test) apt_install "${TEST_PACKAGES[@]}" ;;
  --cluster) apt_install "${CLUSTER_PACKAGES[@]}" ;;
esac

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/rasa" ]; then
  exit 0
fi

find_python310() {
  local candidate
  for candidate in "${PYTHON310:-}" python3.10; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  local root
  root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  for candidate in "$root"/versions/3.10*/bin/python3.10; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  if ! py=$(find_python310); then
    cat >&2 <<'MSG'
setup: Python 3.10 was not found.
  Rasa Open Source 3.6 runs only on Python 3.8-3.10. Install Python 3.10 (e.g. `pyenv install 3.10`,
  or Debian's python3.10 package) or point PYTHON310 at an interpreter, then run this again.
MSG
    exit 1
  fi
  echo "setup: creating $VENV with $py"
  rm -rf "$VENV"
  "$py" -m venv "$VENV"
fi

echo "setup: installing locked dependencies (first run takes about 2 minutes)"
start=$(date +%s)
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.2"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
echo "$want" > "$STAMP"
echo "setup: done in $(( $(date +%s) - start )) s"
