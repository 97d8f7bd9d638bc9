# Sourced by the fetch-*.sh scripts: fetches an npm package tarball by name and refuses it unless its
# sha256 is the one pinned for that package and version.

# pinned_npm_pack PACKAGE@VERSION EXPECTED_SHA256 WORK_DIR: prints the path of the verified tarball.
pinned_npm_pack() {
  local spec="$1" expected="$2" work="$3" tarball actual
  [ -n "$expected" ] || { echo "$(basename "$0"): no pinned checksum for $spec" >&2; return 1; }
  echo "$(basename "$0"): downloading $spec" >&2
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tarball="$(ls "$work"/*.tgz)"
  actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
  if [ "$actual" != "$expected" ]; then
    echo "$(basename "$0"): checksum mismatch for $spec: expected $expected, got $actual" >&2
    return 1
  fi
  echo "$tarball"
}
