#!/bin/sh
# Rasterises build/icon.svg into the icons electron-builder packs: icon.png (1024 px, also the
# Linux source), icons/<size>x<size>.png (Linux hicolor sizes), icon.icns (macOS), icon.ico
# (Windows). Needs Debian's librsvg2-bin, icnsutils and icoutils. The outputs are committed,
# so packaging does not need these tools; run this again after changing the SVG.
set -eu
cd "$(dirname "$0")"
rsvg-convert -w 1024 -h 1024 icon.svg -o icon.png
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png
icotool --create --output icon.ico icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png --raw=icons/256x256.png
