#!/usr/bin/env bash
# Builds everything: native (CLI, tests, desktop app) in build/, WebAssembly in build-wasm/,
# and assembles the deployable static site in build/web/.
#   tools/build.sh            native + wasm + site
#   FIGSCOPE_NO_WASM=1 ...    native only
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs   # emscripten 3.1.6 needs acorn from Debian's node modules
JOBS=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$JOBS"

if [ "${FIGSCOPE_NO_WASM:-0}" != 1 ]; then
  emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-wasm -j "$JOBS"

  # The static site: page shell, app.js/app.wasm, bundled data snapshot.
  SITE=build/web
  rm -rf "$SITE"; mkdir -p "$SITE/data"
  cp -r web/. "$SITE/"
  if [ -f build-wasm/bin/app.js ]; then cp build-wasm/bin/app.js build-wasm/bin/app.wasm "$SITE/"; fi
  build/bin/figscope snapshot data/seeds data/corpus -o "$SITE/data/bundled.figsnap"
  echo "build: site in $SITE"
fi
echo "build: ok"
