#!/usr/bin/env bash
# Desktop smoke test: start the desktop app on a virtual display with the bundled data and the
# gene filter STAT3, let it render, save a screenshot, and check that
#   - the app exits 0,
#   - the PNG exists, decodes, has the window's size and is not blank (pixel variety),
#   - the app reported the state a user would see: data ready, STAT3 in the filter, figures shown.
# Prints one line: "desktop screenshot test: PASS ..." or "desktop screenshot test: FAIL: why".
#
#   tools/desktop_screenshot_test.sh                  uses build/bin/figscope-desktop
#   FIGSCOPE_DESKTOP=path/to/bin OUT=x.png FRAMES=10 tools/desktop_screenshot_test.sh
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${FIGSCOPE_DESKTOP:-build/bin/figscope-desktop}"
OUT="${OUT:-build/desktop.png}"
FRAMES="${FRAMES:-5}"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

fail() { echo "desktop screenshot test: FAIL: $*"; exit 1; }

[ -x "$BIN" ] || fail "$BIN not built (cmake -S . -B build -G Ninja && cmake --build build)"
command -v xvfb-run >/dev/null || fail "xvfb-run not installed (apt-get install xvfb xauth)"
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"

timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
    "$BIN" --screenshot "$OUT" --frames "$FRAMES" --genes STAT3 >"$LOG" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { sed 's/^/  | /' "$LOG" | tail -20; fail "figscope-desktop exited with $rc"; }
[ -s "$OUT" ] || fail "no screenshot at $OUT"

python3 - "$OUT" "$LOG" <<'PY'
import json, struct, sys, zlib

png_path, log_path = sys.argv[1], sys.argv[2]

def fail(msg):
    print("desktop screenshot test: FAIL: " + msg)
    sys.exit(1)

data = open(png_path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    fail("not a PNG file")
pos, idat, ihdr = 8, b"", None
while pos + 8 <= len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if zlib.crc32(kind + body) & 0xffffffff != struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0]:
        fail("bad CRC in chunk %r" % kind)
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
if not ihdr:
    fail("PNG without IHDR")
w, h, depth, ctype = ihdr[:4]
if depth != 8 or ctype not in (2, 6):
    fail("unexpected PNG format depth=%d type=%d" % (depth, ctype))
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
if len(raw) != h * (stride + 1):
    fail("PNG data has the wrong size")

# Unfilter (any of the five PNG filters) and count colours on a grid of samples.
prev = bytearray(stride)
colours, dominant = {}, 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 2 == 0:
        for x in range(0, w, 2):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours[px] = colours.get(px, 0) + 1
total = sum(colours.values())
top = max(colours.values())
if len(colours) < 64:
    fail("screenshot looks blank: only %d distinct colours" % len(colours))
if top / total > 0.92:
    fail("screenshot looks blank: %.0f%% of it is one colour" % (100.0 * top / total))

# The state the app reported when it wrote the screenshot.
state = None
for line in open(log_path, encoding="utf-8", errors="replace"):
    if line.startswith("figscope-desktop: wrote ") and "{" in line:
        state = json.loads(line[line.index("{"):])
if state is None:
    fail("the app did not report its state")
if not state.get("ready"):
    fail("data not ready when the screenshot was taken: %s" % state)
if state.get("genes_filter") != ["STAT3"]:
    fail("gene filter is %r, expected ['STAT3']" % state.get("genes_filter"))
if not state.get("figures_shown"):
    fail("no figures shown for STAT3 (figures_total=%s)" % state.get("figures_total"))
if len(state.get("heatmap_genes", [])) < 2:
    fail("heatmap empty")
print("desktop screenshot test: PASS (%dx%d, %d colours; %d of %d figures for STAT3, %d heatmap genes, %d problems) -> %s"
      % (w, h, len(colours), state["figures_shown"], state["figures_total"], len(state["heatmap_genes"]),
         state.get("problems", 0), png_path))
PY
