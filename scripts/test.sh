#!/usr/bin/env bash
# Quick start 2: sets up what is missing, then runs every check and test:
# fmt and clippy (native and wasm32), native unit tests, browser storage tests
# (wasm-bindgen-test in headless Chromium), and end-to-end tests with Playwright against the
# optimised release build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Formatting"
cargo fmt --all -- --check

step "Clippy (native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p lotse --target wasm32-unknown-unknown --all-targets -- -D warnings

step "Native tests (domain, translations, sync protocol, relay)"
cargo test --workspace

step "Browser tests (storage, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test storage --test pages --test erasure --test app_lock

step "Release build (and the relay the sync tests run against)"
trunk build --release
# The benchmark harness, served beside the app in the e2e tests that need a phone holding
# hundreds of records of its own organisation (e2e/organisation.mjs, fillOrganisation).
trunk build --release --public-url /bench-harness/ --dist target/bench-harness bench/harness/index.html
cargo build -p lotse-relay

step "End-to-end tests (Playwright, Chromium, release build)"
# They take about 4 minutes; a test that waits forever (a server that never came up, a
# browser that never answers) must fail the run, not hold it for hours.
timeout --kill-after=30 1800 node --test --test-concurrency=1 e2e/
