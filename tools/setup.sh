#!/usr/bin/env bash
# Installs everything figscope needs on a fresh Debian bookworm machine. Idempotent:
# each step checks whether its result is already there and does nothing if so.
#   - Debian packages (compilers, emscripten, headers, browser, xvfb, fonts, peers)
#   - Dear ImGui 1.90.1 sources from Debian's source package -> third_party/imgui (git-ignored)
#   - npm packages from the committed package.json + package-lock.json -> node_modules
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

PKGS=(build-essential cmake ninja-build pkg-config git python3 python3-yaml
      emscripten nlohmann-json3-dev doctest-dev
      libglfw3-dev libgl-dev chromium xvfb xauth fonts-dejavu-core
      clang libclang-rt-14-dev llvm hyperfine sqlite3 xz-utils dpkg-dev)

missing=()
command -v node >/dev/null || PKGS+=(nodejs npm)
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui sources: Debian's libimgui-dev ships no .cpp files; the source package does.
IMGUI_DIR="$ROOT/third_party/imgui"
if [ ! -f "$IMGUI_DIR/imgui.cpp" ] || [ ! -f "$IMGUI_DIR/backends/imgui_impl_glfw.cpp" ]; then
  echo "setup: fetching Dear ImGui 1.90.1 sources (Debian source package)"
  SRC_LIST=/etc/apt/sources.list.d/imgui-src.sources
  if [ ! -f "$SRC_LIST" ]; then
    MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$MIRROR" ] || { echo "setup: cannot find the Debian mirror" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$MIRROR" | $SUDO tee "$SRC_LIST" >/dev/null
    $SUDO apt-get update -q
  fi
  TMP=$(mktemp -d)
  (cd "$TMP" && apt-get source --download-only -q imgui=1.90.1+ds-1 && tar xf imgui_1.90.1+ds.orig.tar.xz)
  rm -rf "$IMGUI_DIR"; mkdir -p "$(dirname "$IMGUI_DIR")"
  mv "$TMP/imgui-1.90.1" "$IMGUI_DIR"
  rm -rf "$TMP"
fi

# npm packages for browser tests and benchmark peers (committed lock file).
if [ -f "$ROOT/package.json" ]; then
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
echo "setup: ok"
