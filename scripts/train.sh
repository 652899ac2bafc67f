#!/usr/bin/env bash
# Trains the model into models/kotobot.tar.gz and prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
.venv/bin/python -m bot.rasa_cli train \
  --domain domain --config config.yml --data data/nlu data/rules data/stories \
  --out models --fixed-model-name kotobot
seconds=$(( $(date +%s) - start ))
echo "$seconds" > models/train_seconds
echo "train: model trained in $seconds s"
