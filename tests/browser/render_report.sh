#!/usr/bin/env bash
# Renders a report.html in headless Chromium: checks that the page parsed (the DOM holds the
# report's title, both charts and the embedded JSON) and saves a screenshot.
# Usage: render_report.sh REPORT_HTML OUT_PNG [WIDTH,HEIGHT]   (default window 1280,2000)
# Exit: 0 ok; 1 the page did not render; 2 usage; 77 Chromium is not installed (CTest: skipped).
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 REPORT_HTML OUT_PNG [WIDTH,HEIGHT]" >&2
  exit 2
fi
report="$1"
out_png="$2"
window="${3:-1280,2000}"

if [[ ! -x "$CHROMIUM" ]]; then
  echo "SKIP: $CHROMIUM not found; install it with 'apt-get install -y chromium' (scripts/install-deps --with-browser)"
  exit 77
fi
if [[ ! -s "$report" ]]; then
  echo "FAIL: $report does not exist or is empty" >&2
  exit 1
fi

profile="$(mktemp -d)"
dom="$(mktemp)"
log="$(mktemp)"
trap 'rm -rf "$profile" "$dom" "$log"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --disable-quic --no-first-run --disable-dev-shm-usage --hide-scrollbars
       --run-all-compositor-stages-before-draw --virtual-time-budget=3000
       --user-data-dir="$profile")

# 1. The page parsed: the serialised DOM holds the report's landmarks.
if ! timeout 90 "$CHROMIUM" "${flags[@]}" --dump-dom "$url" >"$dom" 2>"$log"; then
  echo "FAIL: chromium --dump-dom failed on $report" >&2
  tail -20 "$log" >&2
  exit 1
fi
for landmark in '<h1>Impact of rule amendments' 'id="chart-reasons-t"' 'id="chart-amendments-t"' \
                'id="impact-data"' '<footer>'; do
  if ! grep -qF "$landmark" "$dom"; then
    echo "FAIL: the rendered DOM of $report lacks $landmark" >&2
    exit 1
  fi
done

# 2. The screenshot.
rm -f "$out_png"
mkdir -p "$(dirname "$out_png")"
if ! timeout 90 "$CHROMIUM" "${flags[@]}" --screenshot="$out_png" --window-size="$window" "$url" >"$log" 2>&1; then
  echo "FAIL: chromium --screenshot failed on $report" >&2
  tail -20 "$log" >&2
  exit 1
fi
if [[ ! -s "$out_png" ]] || [[ "$(head -c 8 "$out_png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]]; then
  echo "FAIL: no PNG screenshot was written to $out_png" >&2
  exit 1
fi
echo "OK: $report rendered in $("$CHROMIUM" --version 2>/dev/null || echo chromium); screenshot $out_png ($(stat -c %s "$out_png") bytes)"
