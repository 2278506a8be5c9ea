#!/usr/bin/env bash
# Checks a package from tools/package-deb.sh without installing it: its control fields and
# files, the launcher entry and the metainfo with Debian's validators, the icons' sizes, the
# man pages rendered by man, the bash completion of `waymark ma`, and the binary itself run
# from the extracted tree.
#
#     tools/check-deb.sh target/debian/waymark_0.1.0-1_amd64.deb
#
# A validator that is missing is a failure, never a skipped check: .ci/run installs them
# (desktop-file-utils, appstream, man-db).
set -euo pipefail

deb=${1:?usage: tools/check-deb.sh PACKAGE.deb}
failures=0
say() { printf 'check-deb: %s\n' "$*"; }
fail() {
    say "FAILED: $*"
    failures=$((failures + 1))
}
for tool in dpkg-deb desktop-file-validate appstreamcli man bash; do
    command -v "$tool" >/dev/null || {
        say "$tool is missing: install desktop-file-utils, appstream and man-db"
        exit 1
    }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
dpkg-deb --extract "$deb" "$root"
dpkg-deb --control "$deb" "$tmp/control"

field() { sed -n "s/^$1: //p" "$tmp/control/control"; }
[[ $(field Package) == waymark ]] || fail "Package is '$(field Package)'"
[[ $(field Architecture) == "$(dpkg --print-architecture)" ]] || fail "Architecture is '$(field Architecture)'"
[[ $(field Depends) == *libc6* ]] || fail "Depends does not name libc6: '$(field Depends)'"
version=$(field Version)
upstream=${version%-*}

# Every file the issue lists, owned by root, with the modes a package's files have.
listing=$tmp/contents
dpkg-deb --contents "$deb" >"$listing"
bin=$root/usr/bin/waymark
commands=$("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | grep -vx help)
[[ -n $commands ]] || fail "waymark --help lists no commands"
expected=(
    ./usr/bin/waymark
    ./usr/share/applications/waymark.desktop
    ./usr/share/metainfo/org.waymark.Waymark.metainfo.xml
    ./usr/share/bash-completion/completions/waymark
    ./usr/share/zsh/vendor-completions/_waymark
    ./usr/share/fish/vendor_completions.d/waymark.fish
    ./usr/share/man/man1/waymark.1.gz
    ./usr/share/doc/waymark/copyright
    ./usr/share/doc/waymark/changelog.Debian.gz
)
for size in 16 24 32 48 64 128 256; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/waymark.png")
done
for command in $commands; do
    expected+=("./usr/share/man/man1/waymark-$command.1.gz")
done
for path in "${expected[@]}"; do
    grep -q " $path\$" "$listing" || fail "the package has no $path"
done
grep -Eq '^-rwxr-xr-x root/root .* \./usr/bin/waymark$' "$listing" || fail "usr/bin/waymark is not root's, mode 755"
if grep -v ' \./usr/bin/waymark$' "$listing" | grep -Ev '^(-rw-r--r--|drwxr-xr-x) root/root ' >"$tmp/odd"; then
    fail "files that are not root's, mode 644 (755 for folders): $(cat "$tmp/odd")"
fi

# The launcher entry and the metainfo, with the validators a distribution runs.
if ! out=$(desktop-file-validate "$root/usr/share/applications/waymark.desktop" 2>&1) || [[ -n $out ]]; then
    fail "desktop-file-validate: $out"
fi
if ! appstreamcli validate --no-net --strict --explain \
    "$root/usr/share/metainfo/org.waymark.Waymark.metainfo.xml"; then
    fail "appstreamcli validate"
fi
grep -qx 'StartupWMClass=waymark' "$root/usr/share/applications/waymark.desktop" ||
    fail "the desktop entry's StartupWMClass is not the window's app id, waymark"
grep -q '<release version="'"$upstream"'"' "$root/usr/share/metainfo/org.waymark.Waymark.metainfo.xml" ||
    fail "the metainfo has no release $upstream: add it to assets/org.waymark.Waymark.metainfo.xml"

# Each icon has the size its folder says (a PNG's width and height are at bytes 16 and 20).
for icon in "$root"/usr/share/icons/hicolor/*/apps/waymark.png; do
    size=$(basename "$(dirname "$(dirname "$icon")")")
    dims=$(od -An -tu1 -j16 -N8 "$icon" |
        awk '{ printf "%dx%d", $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
    [[ $dims == "$size" ]] || fail "$icon is $dims"
done

# The binary, run from the extracted tree on a fresh data directory.
if [[ $("$bin" --version) != "waymark $upstream" ]]; then
    fail "waymark --version printed '$("$bin" --version)', not 'waymark $upstream'"
fi
if ! status=$("$bin" status --data-dir "$tmp/data" 2>&1) || [[ $status != *ai-engineer* ]]; then
    fail "waymark status --data-dir: $status"
fi

# The man pages render without warnings, and the main one has the hand-written sections.
for page in "$root"/usr/share/man/man1/*.1.gz; do
    if ! text=$(MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/man-warnings") ||
        [[ -s $tmp/man-warnings ]]; then
        fail "man -l $(basename "$page"): $(cat "$tmp/man-warnings")"
    fi
    [[ $text == *waymark* ]] || fail "$(basename "$page") renders without the name waymark"
done
main_page=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/waymark.1.gz" 2>/dev/null)
for section in SYNOPSIS SUBCOMMANDS ENVIRONMENT FILES "EXIT STATUS" "SEE ALSO"; do
    grep -q "^$section" <<<"$main_page" || fail "waymark.1 has no $section section"
done

# bash completes `waymark ma` to `mark`, from the package's own completion file.
completed=$(bash --norc --noprofile -c '
    source "$1"
    COMP_WORDS=(waymark ma); COMP_CWORD=1; COMP_LINE="waymark ma"; COMP_POINT=${#COMP_LINE}
    _waymark waymark ma waymark
    printf "%s\n" "${COMPREPLY[@]}"' bash "$root/usr/share/bash-completion/completions/waymark")
[[ $completed == mark ]] || fail "bash completes 'waymark ma' to '$completed', not 'mark'"
for shell in zsh fish; do
    file=$(grep "^-" "$listing" | grep -o "\./usr/share/$shell/.*")
    if command -v "$shell" >/dev/null; then
        "$shell" -n "$root/${file#./}" || fail "$shell cannot read $file"
    else
        say "$shell is not installed: $file is checked only for being there"
    fi
done

say "$(grep -c '^-' "$listing") files in $(basename "$deb"), $(du -k "$deb" | cut -f1) KB"
if ((failures > 0)); then
    say "$failures check(s) failed"
    exit 1
fi
say "all checks passed"
