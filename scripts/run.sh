#!/usr/bin/env bash
# The main job on the embedded default: build Fangzhi, import the ten Ba-Shu
# texts of ../shared/corpus/bashu into ./fangzhi-data (once), print the library.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target fangzhi

FZ=build/release/src/cli/fangzhi
DATA=${FANGZHI_DATA:-./fangzhi-data}
CORPUS=${FANGZHI_CORPUS:-../shared/corpus/bashu}

todo=()
for dir in "$CORPUS"/*/; do
  id=$(basename "$dir")
  if ! "$FZ" --data "$DATA" show "$id" >/dev/null 2>&1; then todo+=("$dir"); fi
done
if ((${#todo[@]})); then
  "$FZ" --data "$DATA" import "${todo[@]}"
fi
"$FZ" --data "$DATA" works
