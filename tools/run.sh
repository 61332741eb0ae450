#!/usr/bin/env bash
# Sets up, builds and serves the browser app:
#   tools/run.sh              setup + build, then serve build/web on http://127.0.0.1:8080/
#   PORT=9000 tools/run.sh    another port
#   tools/run.sh --no-serve   setup + build only
# build/web is a plain static folder: any static web server (and any sub-path) works too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SERVE=1
for arg in "$@"; do
  case "$arg" in
    --no-serve) SERVE=0 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

tools/setup.sh
tools/build.sh

SITE="$ROOT/build/web"
for f in index.html app.js app.wasm data/bundled.figsnap; do
  [ -f "$SITE/$f" ] || { echo "run: $SITE/$f is missing; the build did not produce the site" >&2; exit 1; }
done
[ "$SERVE" = 1 ] || { echo "run: site built in $SITE"; exit 0; }

PORT="${PORT:-8080}"
echo
echo "  figscope is at   http://127.0.0.1:$PORT/"
echo "  (serving $SITE; Ctrl+C stops)"
echo
# python's http.server sends .wasm as application/wasm, which browsers require.
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE"
