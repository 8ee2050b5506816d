#!/usr/bin/env bash
# Quick start 1: sets up what is missing, builds the optimised app and the sync relay, and
# serves Lotse as an organisation runs it: the relay on http://127.0.0.1:8080 serves the app
# and keeps the organisation's sync data in one SQLite file. On the first start it makes the
# file with one organisation (LOTSE_ORG, "verein" by default) and prints its first device
# key, so sync works from this one command. Until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
DATA="${LOTSE_DATA:-lotse-relay.sqlite}"
ORG="${LOTSE_ORG:-verein}"
# LOTSE_ADDRESS: another port, where 8080 is taken (the tests use a free one).
ADDRESS="${LOTSE_ADDRESS:-127.0.0.1:8080}"
trunk build --release >&2
cargo build --release -p lotse-relay >&2
RELAY=target/release/lotse-relay
if [ ! -f "$DATA" ]; then
  "$RELAY" create-org "$ORG" --data "$DATA"
  echo "Start the organisation on the first phone or laptop: Einstellungen → Synchronisation," >&2
  echo "address http://$ADDRESS/db/$ORG and the device key above (it is shown only now)." >&2
else
  echo "Organisation database: http://$ADDRESS/db/$ORG (its first device key was shown when $DATA was made;" >&2
  echo "delete $DATA to start afresh)." >&2
fi
echo "Lotse: http://$ADDRESS (Ctrl-C stops)" >&2
exec "$RELAY" serve --listen "$ADDRESS" --data "$DATA" --app dist
