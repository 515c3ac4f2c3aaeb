#!/usr/bin/env bash
# Load test of `s1mig serve` with wrk on loopback: p50/p99 latency and throughput of
# POST /v1/evaluate and GET /v1/installations/{id} at 1, 16 and 64 connections, each for a
# bounded time. Prints a table (and writes it to bench/results/serve_load.md).
# Usage: bench/serve_load.sh [S1MIG_BINARY] [--rows N] [--duration SECONDS] [--threads N]
#   defaults: build/s1mig, 200000 generated installations (cached in bench/cache/), 10 s, 80 threads.
# Needs wrk (scripts/install-deps --with-bench). A benchmark, not a pass/fail test.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
bin="$repo/build/s1mig"
rows=200000
duration=10
threads=80
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) bin="$1"; shift ;;
  esac
done
command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (scripts/install-deps --with-bench)" >&2; exit 2; }
[[ -x "$bin" ]] || { echo "serve_load: no s1mig binary at $bin" >&2; exit 2; }

snap="$repo/bench/cache/serve-$rows"
if [[ ! -s "$snap/inventory.csv" ]]; then
  echo "serve_load: generating $rows installations into $snap" >&2
  "$bin" generate -n "$rows" --seed 7 --out "$snap" --no-progress >/dev/null
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" import-reference "$snap" --db "$work/s1mig.db" >/dev/null
echo "token_sha256,party_id,role" > "$work/tokens.csv"
"$bin" token new --party DCC --role DCC >> "$work/tokens.csv" 2> "$work/token.txt"
export S1MIG_TOKEN="$(awk '{print $NF}' "$work/token.txt")"
# 10,000 ids from the snapshot (generated ids are URL-safe).
awk -F, 'NR > 1 && NR <= 10001 { print $1 }' "$snap/inventory.csv" > "$work/ids.txt"
export S1MIG_IDS="$work/ids.txt"

# Created before the server starts, so that polling it below never races its creation.
: > "$work/serve.txt"
"$bin" serve --db "$work/s1mig.db" --snapshot "$snap" --tokens "$work/tokens.csv" --listen 127.0.0.1:0 \
  --as-of 2021-10-13T09:00:00Z --threads "$threads" --log "$work/access.log" 2> "$work/serve.txt" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.txt" || true)"
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.txt" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "serve_load: the server did not start" >&2; cat "$work/serve.txt" >&2; exit 1; }
url="http://127.0.0.1:$port"
# Warm the caches (reference index and compiled rules for as_of).
wrk -t1 -c2 -d1s -s "$here/serve_installation.lua" "$url" >/dev/null 2>&1 || true

# "50%  1.23ms" -> milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
table="| endpoint | connections | p50 ms | p99 ms | requests/s | non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: |"
for endpoint in evaluate installation; do
  script="$here/serve_evaluate.lua"
  [[ $endpoint == installation ]] && script="$here/serve_installation.lua"
  for conns in 1 16 64; do
    wthreads=2
    [[ $conns -eq 1 ]] && wthreads=1
    out="$(wrk -t"$wthreads" -c"$conns" -d"${duration}s" --timeout 10s --latency -s "$script" "$url" 2>&1)"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
    rps="$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
    bad="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
    errs="$(awk '/Socket errors/ {print}' <<<"$out")"
    [[ -n "$errs" ]] && echo "serve_load: $endpoint c=$conns: $errs" >&2
    name="POST /v1/evaluate"
    [[ $endpoint == installation ]] && name="GET /v1/installations/{id}"
    table+=$'\n'"| $name | $conns | $p50 | $p99 | $rps | ${bad:-0} |"
  done
done
echo "$table"
mkdir -p "$repo/bench/results"
{
  echo "s1mig serve load, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $rows installations, ${duration}s per run, --threads $threads, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo
  echo "$table"
} > "$repo/bench/results/serve_load.md"
echo "serve_load: written to bench/results/serve_load.md" >&2
