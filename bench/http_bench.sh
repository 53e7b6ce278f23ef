#!/usr/bin/env bash
# HTTP benchmark of `fangzhi serve` (issue 4): wrk on loopback against
# /api/v1/search and the /search page, cycling through the benchmark query
# set of bench/search_bench on its corpus. Prints requests/s and latency
# percentiles per endpoint; results go to docs/benchmarks.md by hand.
#
# Usage: bash bench/http_bench.sh [BUILD_DIR] [WORK]
#   BUILD_DIR  a build with fangzhi and search_bench (default build/release)
#   WORK       search_bench's work folder (default /tmp/fangzhi-bench): its
#              library WORK/search-library and WORK/queries.txt are made by
#              search_bench first if missing.
# Environment: DURATION (default 20s), CONNECTIONS (16), WRK_THREADS (2),
#              SERVER_THREADS (server default), PORT (18480), CACHE_MB (server
#              default 64; 0 measures every request through the searcher).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=${1:-build/release}
WORK=${2:-/tmp/fangzhi-bench}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-2}
PORT=${PORT:-18480}
FZ="$BUILD/src/cli/fangzhi"

command -v wrk >/dev/null || { echo "错误：需要 wrk（apt-get install wrk）" >&2; exit 2; }
[ -x "$FZ" ] || { echo "错误：找不到 $FZ（先构建）" >&2; exit 2; }
if [ ! -s "$WORK/queries.txt" ] || [ ! -f "$WORK/search-library/fangzhi.db" ]; then
  "$BUILD/bench/search_bench" --work "$WORK" --skip-fts
fi

args=(--data "$WORK/search-library" serve --host 127.0.0.1 --port "$PORT" --web web)
if [ -n "${SERVER_THREADS:-}" ]; then args+=(--threads "$SERVER_THREADS"); fi
if [ -n "${CACHE_MB:-}" ]; then args+=(--cache-mb "$CACHE_MB"); fi
"$FZ" "${args[@]}" > "$WORK/http-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if grep -q "已启动" "$WORK/http-server.log" 2>/dev/null; then break; fi
  sleep 0.1
done
grep -q "已启动" "$WORK/http-server.log" || { cat "$WORK/http-server.log" >&2; exit 1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "queries: $(wc -l < "$WORK/queries.txt") from $WORK/queries.txt; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION; cache ${CACHE_MB:-64} MiB"
run() {
  local name=$1 path=$2 extra=${3:-}
  # One short pass first: the page cache and SQLite's cache warm up.
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d5s -s bench/http_bench.lua "http://127.0.0.1:$PORT" -- "$path" "$WORK/queries.txt" "$extra" >/dev/null
  echo "== $name ($path)"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/http_bench.lua "http://127.0.0.1:$PORT" \
    -- "$path" "$WORK/queries.txt" "$extra" | grep -E "Requests/sec|Latency |50%|90%|99%|requests in|Non-2xx|Socket errors|response cache"
}
run "JSON API" /api/v1/search
run "search page" /search
