#!/usr/bin/env bash
# Trains the model into models/kotobot.tar.gz and prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
# DIET's large tensors came from freshly mapped memory on every batch: 300,000 page faults a
# second on this machine kind, half of training's CPU time spent in the kernel. glibc (2.35
# and later) is told to keep freed memory for reuse (no mmap'd chunks, no trimming) and to back
# it with transparent huge pages; elsewhere the settings are ignored. Training 536 s -> 275 s
# here, peak memory 2.3 GB (docs/benchmarks.md, "Training time").
tunables=glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0
tunables+=:glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$tunables"
start=$(date +%s)
.venv/bin/python -m bot.rasa_cli train \
  --domain domain --config config.yml --data data/nlu data/rules data/stories \
  --out models --fixed-model-name kotobot
seconds=$(( $(date +%s) - start ))
echo "$seconds" > models/train_seconds
echo "train: model trained in $seconds s"
