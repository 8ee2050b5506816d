#!/usr/bin/env bash
# Benchmarks: builds the optimised release (and the benchmark harness page) and prints
# figures: first-visit size and start-up time (bench/first-visit.mjs), then storage writes,
# opening the directory and search keystrokes for a large organisation (bench/core.mjs), then
# the initial sync of 10,000 changes next to PouchDB and the relay's throughput (bench/sync.mjs),
# then a soak of the relay under load with a stranger and oversize requests (bench/soak.mjs,
# SOAK_SECONDS long, 120 by default). Figures only; nothing fails on time. Optional argument:
# runs per measurement.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trunk build --release >&2
trunk build --release --public-url /bench-harness/ --dist target/bench-harness bench/harness/index.html >&2
cargo build --release -p lotse-relay >&2
node bench/first-visit.mjs "${1:-15}"
node bench/core.mjs "${1:-7}"
node bench/lock.mjs "${1:-5}"
node bench/sync.mjs "${1:-3}"
node bench/soak.mjs "${SOAK_SECONDS:-120}"
