#!/usr/bin/env bash
# Browser end-to-end test: serves build/web on a free local port, runs tests/e2e/*.test.mjs
# (node's test runner + playwright-core driving Debian's Chromium), stops the server.
# Needs a built site (tools/build.sh) and node_modules (tools/setup.sh).
# Screenshots land in build/browser*.png.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

for f in build/web/index.html build/web/app.wasm build/web/data/bundled.figsnap build/bin/figscope; do
  [ -f "$f" ] || { echo "e2e: $f is missing; run tools/build.sh first" >&2; exit 1; }
done
[ -d node_modules/playwright-core ] || { echo "e2e: node_modules missing; run tools/setup.sh first" >&2; exit 1; }

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG=$(mktemp)
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory build/web >"$LOG" 2>&1 &
SERVER=$!
# Always stop the server, whatever happens to the tests.
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -f "$LOG"' EXIT

for _ in $(seq 100); do   # up to 10 s for the server to answer
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/index.html', timeout=1)" \
    2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { echo "e2e: the web server did not start:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.1
done

echo "e2e: serving build/web on http://127.0.0.1:$PORT/"
FIGSCOPE_URL="http://127.0.0.1:$PORT/" timeout 180 node --test --test-concurrency=1 tests/e2e/*.test.mjs
