#!/usr/bin/env bash
# Startup time (process start to first frame) and peak memory of Waymark against a bare eframe
# window (examples/hello.rs), both release builds, under a virtual X server.
#
# Usage: tools/startup.sh [RUNS]        (default 5 runs of each, alternating; exits 1 when a
#                                       ratio is over the 1.3x budget)
# Build first:  cargo build --release --bin waymark --example hello   (one command: same features)
# Needs:        Xvfb, xdotool, GNU time (/usr/bin/time), and a software renderer for wgpu
#               (Debian/Ubuntu: apt-get install xvfb xdotool time mesa-vulkan-drivers libegl1)
#
# eframe keeps the window hidden until its first frame is painted, so the moment
# `xdotool search --sync --onlyvisible` sees the window is the first frame. Peak RSS is what
# `/usr/bin/time -v` reports once the app has run one more second and been closed.
# Waymark opens on a fresh, empty data directory each run (the first-run conversation over the
# bundled curriculum), which is what a new user sees.
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
waymark=$target/release/waymark
hello=$target/release/examples/hello

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    echo "missing tools; install them with: apt-get install ${missing[*]} mesa-vulkan-drivers libegl1" >&2
    exit 2
fi
for bin in "$waymark" "$hello"; do
    if [[ ! -x $bin ]]; then
        echo "$bin is not built; run: cargo build --release --bin waymark --example hello" >&2
        exit 2
    fi
done

work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
cleanup() {
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display
# winit and the renderer look for a runtime directory; a private one keeps the output quiet.
mkdir -m 700 "$work/xdg"
export XDG_RUNTIME_DIR=$work/xdg
for _ in $(seq 50); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done

# One run: prints "<ms to first frame> <peak RSS KiB>".
measure() {
    local bin=$1 title=$2 data=$work/data-$RANDOM
    mkdir -p "$data"
    local start end
    start=$(date +%s%N)
    WAYMARK_DATA_DIR=$data /usr/bin/time -v -o "$work/time.txt" "$bin" >"$work/app.log" 2>&1 &
    local timer=$!
    if ! timeout 60 xdotool search --sync --onlyvisible --name "^$title\$" >/dev/null; then
        echo "$title: no window within 60 s; its output:" >&2
        cat "$work/app.log" >&2
        kill "$timer" 2>/dev/null || true
        exit 1
    fi
    end=$(date +%s%N)
    sleep 1
    # The child of GNU time is the app; closing it lets time report.
    pkill -TERM -P "$timer" || true
    wait "$timer" 2>/dev/null || true
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    echo "$(((end - start) / 1000000)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: >"$work/hello.txt"
: >"$work/waymark.txt"
measure "$hello" "Hello eframe" >/dev/null # warm the page cache and the driver's shader cache
measure "$waymark" "Waymark" >/dev/null
for i in $(seq "$runs"); do
    measure "$hello" "Hello eframe" >>"$work/hello.txt"
    measure "$waymark" "Waymark" >>"$work/waymark.txt"
    echo "run $i: hello $(tail -1 "$work/hello.txt")  waymark $(tail -1 "$work/waymark.txt")  (ms, KiB)"
done

h_ms=$(cut -d' ' -f1 "$work/hello.txt" | median)
w_ms=$(cut -d' ' -f1 "$work/waymark.txt" | median)
h_kb=$(cut -d' ' -f2 "$work/hello.txt" | median)
w_kb=$(cut -d' ' -f2 "$work/waymark.txt" | median)
echo
echo "median of $runs runs    first frame    peak RSS"
printf 'hello (bare eframe)    %8s ms   %8s KiB\n' "$h_ms" "$h_kb"
printf 'waymark                %8s ms   %8s KiB\n' "$w_ms" "$w_kb"
awk -v hm="$h_ms" -v wm="$w_ms" -v hk="$h_kb" -v wk="$w_kb" 'BEGIN {
    t = wm / hm; m = wk / hk
    printf "ratio                  %8.2fx      %8.2fx     (budget 1.30x each)\n", t, m
    exit (t <= 1.3 && m <= 1.3) ? 0 : 1
}'
