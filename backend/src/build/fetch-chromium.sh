#!/usr/bin/env bash
# Puts the headless Chromium the page tests drive where they look for it:
#   ${XDG_CACHE_HOME:-~/.cache}/sightline/chromium/<version>/chromium
# with the shared libraries it needs beside it (lib/: NSS and friends; swiftshader's software GL)
# and its fonts (fonts/, fonts.conf). It comes from the npm registry by package name
# (@sparticuz/chromium, brotli-compressed) and is refused unless its checksum matches the one pinned
# here. Nothing is written inside the repository. Idempotent and safe to run in parallel.
set -euo pipefail
source "$(dirname "$0")/npm-pinned.sh"

version="${1:?usage: fetch-chromium.sh <@sparticuz/chromium package version>}"
package="@sparticuz/chromium"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "fetch-chromium: $package has no build for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

# sha256 of each package tarball we accept; a new version needs its line here.
declare -A pinned=(
  ["$package@153.0.0"]="20e5656fcdcf4118ede85edfb9d6bb9cc1bbb7ffb8b75622fffbcf36a835c3c0"
)

dir="${XDG_CACHE_HOME:-$HOME/.cache}/sightline/chromium/$version"
browser="$dir/chromium"
[ -x "$browser" ] && exit 0

mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
[ -x "$browser" ] && exit 0

work="$(mktemp -d "$dir/.download.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tarball="$(pinned_npm_pack "$package@$version" "${pinned[$package@$version]:-}" "$work")"
tar -xzf "$tarball" -C "$work" package/bin

# The archives are brotli-compressed; Node (which the frontend build needs anyway) inflates them.
unbrotli() { node -e 'require("fs").createReadStream(process.argv[1]).pipe(require("zlib").createBrotliDecompress()).pipe(process.stdout)' "$1"; }
out="$work/out"
mkdir -p "$out"
unbrotli "$work/package/bin/al2023.tar.br" | tar -x --no-same-owner -C "$out"        # lib/libnss3.so …
unbrotli "$work/package/bin/swiftshader.tar.br" | tar -x --no-same-owner -C "$out"   # libEGL.so, libGLESv2.so … beside the binary
unbrotli "$work/package/bin/fonts.tar.br" | tar -x --no-same-owner -C "$out" fonts   # its fonts.conf points at /tmp; ours follows
cat >"$out/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$dir/fonts</dir>
  <cachedir>$dir/fonts-cache</cachedir>
</fontconfig>
EOF
unbrotli "$work/package/bin/chromium.br" >"$out/chromium"
chmod +x "$out/chromium"

# The binary last: its presence says the rest is complete (a run cut short left at most parts of it).
rm -rf "$dir/lib" "$dir/fonts"
mv "$out"/lib "$out"/fonts "$out"/fonts.conf "$dir"/
find "$out" -maxdepth 1 -type f ! -name chromium -exec mv {} "$dir"/ \;
mv "$out/chromium" "$browser"
echo "fetch-chromium: $browser ready"
