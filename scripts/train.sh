#!/usr/bin/env bash
# Trains the model into models/kotobot.tar.gz and prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
# DIET's large tensors came from freshly mapped memory on every batch: 300,000 page faults a
# second on this machine kind, a third of training's CPU time spent in the kernel. glibc (2.35
# and later) backs malloc's mappings with transparent huge pages when asked; elsewhere the
# setting is ignored. docs/benchmarks.md, "Training time".
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
start=$(date +%s)
.venv/bin/python -m bot.rasa_cli train \
  --domain domain --config config.yml --data data/nlu data/rules data/stories \
  --out models --fixed-model-name kotobot
seconds=$(( $(date +%s) - start ))
echo "$seconds" > models/train_seconds
echo "train: model trained in $seconds s"
