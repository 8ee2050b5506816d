#!/usr/bin/env bash
# Quick start 1: sets up what is missing, then serves Lotse on http://127.0.0.1:8080
# (optimised build, rebuilt when a file changes) until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "Lotse: http://127.0.0.1:8080 (Ctrl-C stops)" >&2
exec trunk serve --release
