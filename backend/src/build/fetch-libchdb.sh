#!/usr/bin/env bash
# Puts chDB's libchdb.so (the embedded ClickHouse engine) where Sightline looks for it:
#   ${XDG_CACHE_HOME:-~/.cache}/sightline/chdb/<version>/libchdb.so
# It comes from the npm registry by package name and is refused unless its checksum matches the
# one pinned here. Nothing is written inside the repository. Idempotent and safe to run in parallel.
set -euo pipefail
source "$(dirname "$0")/npm-pinned.sh"

version="${1:?usage: fetch-libchdb.sh <chdb package version>}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64)  package="@chdb/lib-linux-x64-gnu" ;;
  Linux-aarch64) package="@chdb/lib-linux-arm64-gnu" ;;
  Darwin-arm64)  package="@chdb/lib-darwin-arm64" ;;
  Darwin-x86_64) package="@chdb/lib-darwin-x64" ;;
  *) echo "fetch-libchdb: no chDB build for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

# sha256 of each package tarball we accept; a new version or platform needs its line here.
declare -A pinned=(
  ["@chdb/lib-linux-x64-gnu@26.7.3-stable.1"]="c0d32b129e988f2b9a9a31c9141aecf5e1e2453f9a079efc4d36ab8e3f92b2ad"
)

if [ -n "${SIGHTLINE_CHDB_LIBRARY:-}" ]; then
  [ -f "$SIGHTLINE_CHDB_LIBRARY" ] || { echo "fetch-libchdb: SIGHTLINE_CHDB_LIBRARY=$SIGHTLINE_CHDB_LIBRARY does not exist" >&2; exit 1; }
  exit 0
fi

dir="${XDG_CACHE_HOME:-$HOME/.cache}/sightline/chdb/$version"
library="$dir/libchdb.so"
[ -f "$library" ] && exit 0

mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
[ -f "$library" ] && exit 0

work="$(mktemp -d "$dir/.download.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tarball="$(pinned_npm_pack "$package@$version" "${pinned[$package@$version]:-}" "$work")"
tar -xzf "$tarball" -C "$work" package/libchdb.so
mv "$work/package/libchdb.so" "$library"
echo "fetch-libchdb: $library ready"
