#!/usr/bin/env bash
# Development loop: sets up what is missing, then serves the app with Trunk on
# http://127.0.0.1:8081, rebuilt (optimised) whenever a file changes, until Ctrl-C. Trunk adds
# its reload script to the page; for using Lotse as an organisation would, with sync, run
# ./scripts/serve.sh instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "Lotse (development, rebuilt on change): http://127.0.0.1:8081 (Ctrl-C stops)" >&2
exec trunk serve --release --port 8081
