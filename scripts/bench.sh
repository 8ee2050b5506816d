#!/usr/bin/env bash
# Benchmark: builds the optimised release and prints first-visit size and start-up times.
# Figures only; it never fails on time. Optional argument: number of runs (default 15).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trunk build --release >&2
node bench/first-visit.mjs "$@"
