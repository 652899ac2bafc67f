#!/usr/bin/env bash
# Re-resolves requirements.in in a throw-away Python 3.10 venv and writes requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=$(command -v python3.10 || ls "$(pyenv root)"/versions/3.10*/bin/python3.10 | head -n1)
"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet -r requirements.in
"$tmp/venv/bin/pip" freeze --exclude-editable > requirements.lock
echo "requirements.lock: $(wc -l < requirements.lock) packages"
