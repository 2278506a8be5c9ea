#!/usr/bin/env bash
# Builds Waymark's Debian package from this checkout and prints its path:
#
#     tools/package-deb.sh        # -> target/debian/waymark_VERSION-1_ARCH.deb
#
# It installs /usr/bin/waymark, the launcher entry, the icons in the hicolor sizes, the
# AppStream metainfo, the man pages and the bash, zsh and fish completions (the last two
# written by build.rs from the clap definition). tools/check-deb.sh checks the result.
#
# A script over dpkg-deb rather than `cargo deb`: dpkg-deb and dpkg-shlibdeps come with
# Debian, so a clean clone needs nothing compiled or downloaded to package, where cargo-deb
# is minutes of compiling on every fresh CI machine; and the layout is all here to read.
#
# Environment: CARGO_TARGET_DIR as cargo reads it; DEB_MAINTAINER for the Maintainer field;
# SOURCE_DATE_EPOCH for the files' dates (default: the last commit's), so that the same
# commit gives the same package.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

say() { printf 'package-deb: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

for tool in cargo dpkg dpkg-deb dpkg-shlibdeps strip gzip; do
    command -v "$tool" >/dev/null ||
        die "$tool is missing (dpkg, dpkg-deb: dpkg; dpkg-shlibdeps: dpkg-dev; strip: binutils)"
done

target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target"
target=$(cd "$target" && pwd)
maintainer=${DEB_MAINTAINER:-The Waymark team <waymark@invalid>}
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

# The release build. Its messages say where build.rs wrote the completions and man pages.
messages=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$messages" "$work"' EXIT
say "cargo build --release --locked (into $target)"
cargo build --release --locked --bin waymark --message-format=json-render-diagnostics >"$messages"
out_dir=$(grep '"reason":"build-script-executed"' "$messages" | grep '#waymark@' |
    sed -n 's/.*"out_dir":"\([^"]*\)".*/\1/p' | tail -n 1)
[[ -n $out_dir && -d $out_dir/man && -d $out_dir/completions ]] ||
    die "cargo did not say where build.rs wrote the man pages and completions"
binary=$target/release/waymark
[[ -x $binary ]] || die "no binary at $binary"

version=$("$binary" --version | sed -n 's/^waymark \([^ ]*\)$/\1/p')
[[ -n $version ]] || die "\`waymark --version\` did not print a version"
deb_version=$version-1
arch=$(dpkg --print-architecture)
# dpkg-shlibdeps reads debian/control and finds the package's root by its DEBIAN folder.
root=$work/debian/waymark
install -d "$root/DEBIAN"

# The files, as Debian lays them out.
install -Dm755 "$binary" "$root/usr/bin/waymark"
# As Debian's dh_strip does: symbols and debug information out, and the notes.
strip --remove-section=.comment --remove-section=.note "$root/usr/bin/waymark"
install -Dm644 assets/waymark.desktop "$root/usr/share/applications/waymark.desktop"
install -Dm644 assets/org.waymark.Waymark.metainfo.xml \
    "$root/usr/share/metainfo/org.waymark.Waymark.metainfo.xml"
install -Dm644 assets/waymark.png "$root/usr/share/icons/hicolor/256x256/apps/waymark.png"
for icon in assets/icons/*/waymark.png; do
    size=$(basename "$(dirname "$icon")")
    # A PNG's width and height are the big-endian words at bytes 16 and 20.
    read -r width height < <(od -An -tu1 -j16 -N8 "$icon" |
        awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
    [[ ${width}x${height} == "$size" ]] ||
        die "$icon is ${width}x${height}, not $size: run tools/icons.sh"
    install -Dm644 "$icon" "$root/usr/share/icons/hicolor/$size/apps/waymark.png"
done
install -Dm644 "$out_dir/completions/waymark.bash" \
    "$root/usr/share/bash-completion/completions/waymark"
install -Dm644 "$out_dir/completions/_waymark" "$root/usr/share/zsh/vendor-completions/_waymark"
install -Dm644 "$out_dir/completions/waymark.fish" \
    "$root/usr/share/fish/vendor_completions.d/waymark.fish"
install -d "$root/usr/share/man/man1"
for page in "$out_dir"/man/*.1; do
    name=$(basename "$page")
    gzip -9n <"$page" >"$root/usr/share/man/man1/$name.gz"
done
doc=$root/usr/share/doc/waymark
install -Dm644 assets/debian/copyright "$doc/copyright"
{
    printf 'waymark (%s) unstable; urgency=medium\n\n' "$deb_version"
    printf '  * Built from the Waymark repository by tools/package-deb.sh.\n\n'
    printf ' -- %s  %s\n' "$maintainer" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.Debian.gz"
chmod 644 "$doc/changelog.Debian.gz"

# What the binary links against, as Debian's own tool reads it. The window's libraries
# (EGL or GL, Wayland, X11, xkbcommon; D-Bus for the file dialog's portal) are opened at run
# time, so no tool sees them: they are recommended, not required, since the command line
# runs without them, on a server or in CI.
printf 'Source: waymark\n\nPackage: waymark\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O debian/waymark/usr/bin/waymark |
    sed -n 's/^shlibs:Depends=//p')
[[ -n $depends ]] || die "dpkg-shlibdeps found no dependencies"
recommends="libegl1 | libgl1, libdbus-1-3, libxkbcommon0, libwayland-client0, libwayland-cursor0, libwayland-egl1, libx11-6, libx11-xcb1, libxcursor1, libxi6, libxkbcommon-x11-0, libxrandr2"

installed_kb=$(du -sk --apparent-size "$root/usr" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: waymark
Version: $deb_version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_kb
Depends: $depends
Recommends: $recommends
Section: education
Priority: optional
Description: plan and track your path to becoming an AI engineer
 Waymark is a desktop app, with a command line, that plans a learner's path
 to becoming an AI engineer: pick a focus area and a mentor's goals, work
 through curricula of skills, frameworks and projects by checking off
 milestones, and see when each goal is likely to be reached at the hours a
 week you have. Curricula are shared as RON or Markdown files and updated
 without losing progress; everything is kept on your machine as plain files.
 .
 The command line (waymark status, plan, mark, import, export, report, ...)
 works without a display, for scripts and the CI of curriculum repositories.
EOF
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs -d '\n' md5sum) >"$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$target/debian"
deb=$target/debian/waymark_${deb_version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
say "built $deb ($(du -k "$deb" | cut -f1) KB)"
echo "$deb"
