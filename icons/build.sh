#!/usr/bin/env bash
# Makes every icon file from easel.svg: PNGs 16-1024 px, easel.ico (Windows), easel.icns (macOS), and the window
# icons the app loads (src/main/resources/dev/easel/icons). Needs rsvg-convert (librsvg2-bin), ImageMagick's
# convert and python3. The results are committed; run this after changing easel.svg.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
mkdir -p png
for n in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" easel.svg -o "png/easel-$n.png"
done
convert png/easel-16.png png/easel-24.png png/easel-32.png png/easel-48.png png/easel-64.png \
        png/easel-128.png png/easel-256.png easel.ico
python3 - <<'PY'
# ICNS: a header, then one entry per size holding a PNG (types as macOS reads them)
import struct
entries = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024),
           ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]
body = b""
for kind, size in entries:
    data = open(f"png/easel-{size}.png", "rb").read()
    body += kind.encode() + struct.pack(">I", 8 + len(data)) + data
open("easel.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
res="$here/../src/main/resources/dev/easel/icons"
mkdir -p "$res"
for n in 16 32 48 64 128 256; do cp "png/easel-$n.png" "$res/"; done
echo "icons written"
