#!/usr/bin/env bash
# The main job on the embedded default: build Fangzhi, import the ten Ba-Shu
# texts of ../shared/corpus/bashu into ./fangzhi-data (once), print the
# library, then serve it: 四川数字方志馆 on http://127.0.0.1:8080/
# (FANGZHI_PORT to change the port; Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target fangzhi
# ECharts for the search page's charts, served by us from web/node_modules
# (the pages work without it; only the charts need it).
if [ ! -d web/node_modules/echarts ] && command -v npm >/dev/null; then
  (cd web && npm ci --omit=dev --no-audit --no-fund)
fi

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
