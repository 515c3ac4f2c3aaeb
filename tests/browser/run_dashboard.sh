#!/usr/bin/env bash
# Browser test of the `s1mig serve` dashboard: builds a DMCT store and tokens for the HTTP test
# snapshot, starts the server on an ephemeral loopback port, and runs dashboard.mjs in headless
# Chromium (Debian's chromium, driven by playwright-core from npm).
# Usage: run_dashboard.sh S1MIG_BINARY OUT_DIR [SCREENSHOT_PNG]
# Exit: 0 ok; 1 failure; 2 usage; 77 chromium, node or playwright-core missing (CTest: skipped).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 S1MIG_BINARY OUT_DIR [SCREENSHOT_PNG]" >&2
  exit 2
fi
bin="$1"
out="$2"
shot="${3:-}"
if [[ ! -x "$CHROMIUM" ]]; then
  echo "SKIP: $CHROMIUM not found (scripts/install-deps --with-browser)"; exit 77
fi
if ! command -v node >/dev/null; then
  echo "SKIP: node not found (scripts/install-deps --with-browser)"; exit 77
fi
if [[ ! -d "$here/node_modules/playwright-core" ]]; then
  echo "SKIP: playwright-core is not installed; run: (cd tests/browser && npm install)"; exit 77
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out"
snap="$repo/src/http/testdata/snapshot"
db="$work/s1mig.db"

for p in SUP01 SUP02 SUP03; do "$bin" party add --db "$db" --id "$p" --role supplier >/dev/null; done
"$bin" import-reference "$snap" --db "$db" >/dev/null
dmc=(--chf CHF-L@1.4 --esme ESME-L@2.1 --ppmid DSP-OLD@0.9)
"$bin" dmct submit --db "$db" --party SUP01 --at 2021-10-13T10:00:00Z "${dmc[@]}" >/dev/null
"$bin" dmct submit --db "$db" --party SUP02 --at 2021-10-13T10:00:00Z "${dmc[@]}" >/dev/null
"$bin" dmct assess --db "$db" --ppmid DSP-OLD@0.9 --data unobtainable --source supplier --at 2021-10-14T10:00:00Z >/dev/null

echo "token_sha256,party_id,role" > "$work/tokens.csv"
"$bin" token new --party SUP01 --role SUPPLIER >> "$work/tokens.csv" 2> "$work/sup.txt"
"$bin" token new --party DCC --role DCC >> "$work/tokens.csv" 2> "$work/dcc.txt"
sup_token="$(awk '{print $NF}' "$work/sup.txt")"
dcc_token="$(awk '{print $NF}' "$work/dcc.txt")"

# Created before the server starts, so that polling it below never races its creation.
: > "$work/serve.txt"
"$bin" serve --db "$db" --snapshot "$snap" --tokens "$work/tokens.csv" --listen 127.0.0.1:0 \
  --as-of 2021-10-13T09:00:00Z --threads 8 --log "$work/access.log" 2> "$work/serve.txt" &
server_pid=$!
port=""
for _ in $(seq 1 200); do
  port="$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.txt" || true)"
  [[ -n "$port" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "FAIL: the server did not start:" >&2; cat "$work/serve.txt" >&2; exit 1; fi
  sleep 0.1
done
[[ -n "$port" ]] || { echo "FAIL: no port announced" >&2; cat "$work/serve.txt" >&2; exit 1; }

S1MIG_URL="http://127.0.0.1:$port" SUP_TOKEN="$sup_token" DCC_TOKEN="$dcc_token" OUT_DIR="$out" \
  SCREENSHOT="$shot" CHROMIUM="$CHROMIUM" timeout 180 node "$here/dashboard.mjs"
if grep -qF "$sup_token" "$work/access.log" || grep -qF "$dcc_token" "$work/access.log"; then
  echo "FAIL: a token appears in the access log" >&2; exit 1
fi
echo "OK: screenshots in $out${shot:+ and $shot}"
