#!/usr/bin/env bash
# Creates the project's virtual environment (.venv) on Python 3.10 and installs the locked
# dependencies. Re-running it when requirements.lock and pyproject.toml are unchanged takes
# about a second, so every Make target can call it.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.installed"
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)

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
