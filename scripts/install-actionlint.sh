#!/usr/bin/env bash
# Installs the pinned actionlint (the GitHub Actions workflow linter) and prints its bin folder on the last
# stdout line (progress goes to stderr). Built with Go from the Go module proxy, cached like the Pulumi CLI:
#
#   bash scripts/install-actionlint.sh        # → ~/.cache/pulumi-uploadcare/actionlint-v1.7.12/bin
#
# Env: ACTIONLINT_VERSION (default v1.7.12), PULUMI_UPLOADCARE_CACHE (default
#      ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-uploadcare), ACTIONLINT_INSTALL_FORCE=1 to rebuild.
set -euo pipefail

version="${ACTIONLINT_VERSION:-v1.7.12}"
version="v${version#v}"
cache="${PULUMI_UPLOADCARE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-uploadcare}"
bin="$cache/actionlint-$version/bin"
log() { echo "install-actionlint: $*" >&2; }

# `actionlint -version` prints the version on its first line (e.g. "v1.7.12" or "1.7.12").
bin_version() { "$1" -version 2>/dev/null | head -n1 | tr -d '[:space:]' || true; }

if [ "${ACTIONLINT_INSTALL_FORCE:-}" != 1 ] && [ -x "$bin/actionlint" ] &&
    [ "v$(bin_version "$bin/actionlint" | sed 's/^v//')" = "$version" ]; then
    log "using cached actionlint $version in $bin"
    echo "$bin"
    exit 0
fi

command -v go >/dev/null 2>&1 || { log "go is not on PATH; Go is needed to build actionlint"; exit 1; }
mkdir -p "$cache"
# Serialise concurrent installs sharing a cache, so nobody sees a half-built folder.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/.actionlint-$version.lock"
    flock 9
fi
stage="$cache/actionlint-$version/bin.tmp.$$"
rm -rf "$stage"
mkdir -p "$stage"
trap 'rm -rf "$stage"' EXIT
t0=$(date +%s)
log "building actionlint $version with $(go version | cut -d' ' -f3) (Go module proxy)"
# Outside any module, so no go.mod here is read or changed; -trimpath for a reproducible binary. The version
# ldflag is what `actionlint -version` prints (without it a `go install` build reports it from build info).
(cd "$stage" && GOBIN="$stage" GOFLAGS=-mod=mod GO111MODULE=on go install -trimpath \
    -ldflags "-s -w -X github.com/rhysd/actionlint.version=$version" \
    "github.com/rhysd/actionlint/cmd/actionlint@$version") >&2
[ "v$(bin_version "$stage/actionlint" | sed 's/^v//')" = "$version" ] ||
    { log "built actionlint does not report $version"; exit 1; }
rm -rf "$bin"
mv "$stage" "$bin"
trap - EXIT
log "installed actionlint $version into $bin ($(($(date +%s) - t0))s)"
echo "$bin"
