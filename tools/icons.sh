#!/usr/bin/env bash
# Regenerates the launcher icons in assets/icons/ from assets/waymark.png (256x256), with
# ImageMagick (`apt-get install imagemagick`). The smaller PNGs are committed, a few KB each,
# so that packaging needs no image tool; tools/package-deb.sh checks that every one has the
# size its folder says. Run this after changing assets/waymark.png.
set -euo pipefail
cd "$(dirname "$0")/.."

convert=/usr/bin/convert # ImageMagick's own, not a wrapper earlier on PATH
[[ -x $convert ]] || { echo "icons.sh: ImageMagick's convert is missing (apt-get install imagemagick)" >&2; exit 1; }

for size in 16 24 32 48 64 128; do
    dir=assets/icons/${size}x${size}
    mkdir -p "$dir"
    # -strip drops the time stamps ImageMagick writes, so a rerun changes no bytes.
    "$convert" assets/waymark.png -filter Lanczos -resize "${size}x${size}" -strip \
        "PNG32:$dir/waymark.png"
done
ls -l assets/icons/*/waymark.png
