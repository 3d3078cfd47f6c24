#!/usr/bin/env bash
# Installs the pinned Pulumi CLI toolchain and prints its bin folder on the last stdout line
# (progress goes to stderr).
#
#   bash scripts/install-pulumi.sh            # run: prints the bin folder
#   . scripts/install-pulumi.sh               # source: also puts the bin folder first on PATH and
#                                             # exports PULUMI_BIN_DIR; leaves shell options alone
#
# The folder holds the binaries the engine needs for `runtime: nodejs` projects with dynamic
# resources: `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`; and, for
# `runtime: yaml` projects using the native plugin (docs/native-provider.md), `pulumi-language-yaml`
# (upstream pulumi-yaml, built with `go install` at its own pins: building it against pkg/sdk 3.274.1 fails).
# Our Node language host is rebuilt whenever its sources change: a stamp file beside it holds their hash.
# No Pulumi download site is reachable here, so the CLI is built from source with Go from the wrapper
# module in tools/pulumi (Go module proxy only), the Node language host is our own (tools/pulumi/langhost,
# see tools/pulumi/README.md), and the dynamic-provider launcher is copied from the @pulumi/pulumi npm package.
#
# Order of preference:
#   1. a `pulumi` >= the pinned version already on PATH whose two companions sit beside it or on PATH;
#   2. the cache folder, when its binaries exist and report the pinned version;
#   3. a fresh `go build` into the cache (first build downloads modules from the Go proxy: ~minutes).
#
# Env: PULUMI_PINNED_VERSION (default 3.274.1; must match tools/pulumi/go.mod),
#      PULUMI_UPLOADCARE_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-uploadcare),
#      PULUMI_YAML_VERSION (default 1.25.0: github.com/pulumi/pulumi-yaml),
#      PULUMI_INSTALL_FORCE=1 to ignore PATH and cache and rebuild.

PULUMI_PINNED_VERSION="${PULUMI_PINNED_VERSION:-3.274.1}"
PULUMI_YAML_VERSION="${PULUMI_YAML_VERSION:-1.25.0}"
PULUMI_UPLOADCARE_CACHE="${PULUMI_UPLOADCARE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-uploadcare}"
_PULUMI_INSTALL_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# A subshell body: `set -e`, `exit`, traps and the lock stay inside it.
_pulumi_install() (
    set -euo pipefail
    ver="${PULUMI_PINNED_VERSION#v}"
    want="v$ver"
    bin="$PULUMI_UPLOADCARE_CACHE/pulumi-v$ver/bin"
    repo="$_PULUMI_INSTALL_REPO"
    mod="$repo/tools/pulumi"
    log() { echo "install-pulumi: $*" >&2; }

    # "vX.Y.Z" of a pulumi-ish binary, or "" when it does not run.
    bin_version() { PULUMI_SKIP_UPDATE_CHECK=true "$1" version 2>/dev/null | head -n1 | tr -d '[:space:]' || true; }
    # True when version $1 >= $2 (both vX.Y.Z[-pre]).
    version_ge() { [ "$(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -n1)" = "${2#v}" ]; }
    # True when binary $1 is in directory $2 or on PATH.
    beside_or_on_path() { [ -x "$2/$1" ] || command -v "$1" >/dev/null 2>&1; }

    # 1. An adequate CLI already on PATH (e.g. a developer install or a CI image).
    if [ "${PULUMI_INSTALL_FORCE:-}" != 1 ] && command -v pulumi >/dev/null 2>&1; then
        onpath="$(command -v pulumi)"
        dir="$(dirname "$onpath")"
        realdir="$(dirname "$(readlink -f "$onpath")")" # the engine also looks beside the resolved binary
        have="$(bin_version "$onpath")"
        if [[ "$have" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]] && version_ge "$have" "$want" &&
            { beside_or_on_path pulumi-language-nodejs "$dir" || beside_or_on_path pulumi-language-nodejs "$realdir"; } &&
            { beside_or_on_path pulumi-resource-pulumi-nodejs "$dir" || beside_or_on_path pulumi-resource-pulumi-nodejs "$realdir"; } &&
            { beside_or_on_path pulumi-language-yaml "$dir" || beside_or_on_path pulumi-language-yaml "$realdir"; }; then
            log "using pulumi $have already on PATH ($onpath)"
            echo "$dir"
            return 0
        fi
        log "pulumi on PATH ($onpath, version '${have:-unknown}') is older than $want or lacks its Node/YAML plugins; using the cache"
    fi

    mkdir -p "$PULUMI_UPLOADCARE_CACHE"
    # Serialise concurrent installs (parallel CI jobs sharing a cache) so nobody sees a half-built folder.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$PULUMI_UPLOADCARE_CACHE/.pulumi-v$ver.lock"
        flock 9
    fi

    # The launcher script for dynamic providers ships in @pulumi/pulumi; prefer the project's copy and
    # fall back to `npm pack` of the version the project pins (registry via npm's own client).
    install_dynamic_provider() {
        src="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
        tmp=""
        if [ ! -f "$src" ]; then
            sdkver="$(node -p 'const p=require(process.argv[1]);(p.devDependencies||{})["@pulumi/pulumi"]||(p.peerDependencies||{})["@pulumi/pulumi"]||"latest"' "$repo/package.json" 2>/dev/null || echo latest)"
            log "node_modules/@pulumi/pulumi missing; fetching @pulumi/pulumi@$sdkver with npm pack for its dynamic-provider launcher"
            tmp="$(mktemp -d)"
            (cd "$tmp" && npm pack --silent "@pulumi/pulumi@$sdkver" >/dev/null && tar -xzf ./*.tgz package/pulumi-resource-pulumi-nodejs)
            src="$tmp/package/pulumi-resource-pulumi-nodejs"
        fi
        install -m 0755 "$src" "$1/pulumi-resource-pulumi-nodejs"
        [ -z "$tmp" ] || rm -rf "$tmp"
    }

    flags=(-mod=readonly -buildvcs=false -trimpath -tags osusergo,grpcnotrace
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$want")
    # What the Node language host is built from; a cached host built from other sources is rebuilt.
    langhost_stamp() { cat "$mod"/langhost/*.go "$mod/go.mod" "$mod/go.sum" | sha256sum | cut -d' ' -f1; }
    # Builds our Node language host into folder $1 (a temp name first, so the folder never holds half a binary).
    build_langhost() {
        command -v go >/dev/null 2>&1 || { log "go is not on PATH; Go >= 1.26 is needed to build the language host"; exit 1; }
        (cd "$mod" && go build "${flags[@]}" -o "$1/.pulumi-language-nodejs.tmp" ./langhost) >&2
        mv -f "$1/.pulumi-language-nodejs.tmp" "$1/pulumi-language-nodejs"
        langhost_stamp >"$1/.pulumi-language-nodejs.stamp"
    }
    # pulumi-yaml at its own pins (go install ignores tools/pulumi/go.mod); the stamp records the version.
    install_yaml_host() {
        command -v go >/dev/null 2>&1 || { log "go is not on PATH; Go >= 1.26 is needed to build pulumi-language-yaml"; exit 1; }
        gobin="$(mktemp -d)"
        log "building pulumi-language-yaml v$PULUMI_YAML_VERSION (about a minute on a cold module cache)"
        (cd "$gobin" && GOBIN="$gobin" go install -trimpath -ldflags "-s -w" \
            "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION") >&2
        mv -f "$gobin/pulumi-language-yaml" "$1/pulumi-language-yaml"
        rm -rf "$gobin"
        echo "v$PULUMI_YAML_VERSION" >"$1/.pulumi-language-yaml.stamp"
    }
    stamp_is() { [ "$(cat "$1" 2>/dev/null || true)" = "$2" ]; }

    # 2. Reuse the cache when both Go binaries report the pinned version; refresh what is stale or missing.
    if [ "${PULUMI_INSTALL_FORCE:-}" != 1 ] &&
        [ "$(bin_version "$bin/pulumi")" = "$want" ] &&
        [ "$("$bin/pulumi-language-nodejs" --version 2>/dev/null || true)" = "$want" ]; then
        # (an `if`, not `||`: bash ignores `set -e` inside a function called on the left of `||`)
        if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ]; then install_dynamic_provider "$bin"; fi
        if ! stamp_is "$bin/.pulumi-language-nodejs.stamp" "$(langhost_stamp)"; then
            log "tools/pulumi/langhost changed since the cached build; rebuilding pulumi-language-nodejs"
            build_langhost "$bin"
        fi
        if [ ! -x "$bin/pulumi-language-yaml" ] || ! stamp_is "$bin/.pulumi-language-yaml.stamp" "v$PULUMI_YAML_VERSION"; then
            install_yaml_host "$bin"
        fi
        log "using cached pulumi $want in $bin"
        echo "$bin"
        return 0
    fi

    # 3. Build from source.
    command -v go >/dev/null 2>&1 || { log "go is not on PATH; Go >= 1.26 is needed to build the Pulumi CLI"; exit 1; }
    if ! grep -Eq "github.com/pulumi/pulumi/pkg/v3 $want( |\$)" "$mod/go.mod"; then
        log "tools/pulumi/go.mod does not pin github.com/pulumi/pulumi/pkg/v3 $want; update it (see tools/pulumi/README.md)"
        exit 1
    fi
    stage="$PULUMI_UPLOADCARE_CACHE/pulumi-v$ver/bin.tmp.$$"
    rm -rf "$stage"
    mkdir -p "$stage"
    trap 'rm -rf "$stage"' EXIT
    # (flags, above) -mod=readonly: go.sum is complete, so a build never rewrites tracked files.
    # -buildvcs=false: ./langhost is in this repo, and VCS stamping fails in a checkout without commits (and
    # would make builds differ). The version ldflag is what `pulumi version` prints (Automation API parses it).
    t0=$(date +%s)
    log "building pulumi $want from source with $(go version | cut -d' ' -f3) (first build downloads modules and takes several minutes)"
    (cd "$mod" && go build "${flags[@]}" -o "$stage/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >&2
    t1=$(date +%s)
    log "built pulumi in $((t1 - t0))s"
    build_langhost "$stage"
    t2=$(date +%s)
    log "built pulumi-language-nodejs in $((t2 - t1))s"
    install_yaml_host "$stage"
    log "built pulumi-language-yaml in $(($(date +%s) - t2))s"
    install_dynamic_provider "$stage"
    [ "$(bin_version "$stage/pulumi")" = "$want" ] || { log "built pulumi does not report $want"; exit 1; }
    rm -rf "$bin"
    mv "$stage" "$bin"
    trap - EXIT
    log "installed pulumi $want into $bin (total $((t2 - t0))s)"
    echo "$bin"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    _pulumi_install
else
    # Sourced: install in a child bash (calling _pulumi_install inside `if`/`||` here would silently
    # disable its `set -e`), then put the folder first on PATH for the caller.
    if PULUMI_BIN_DIR="$(PULUMI_PINNED_VERSION="$PULUMI_PINNED_VERSION" PULUMI_UPLOADCARE_CACHE="$PULUMI_UPLOADCARE_CACHE" \
        bash "${BASH_SOURCE[0]}")"; then
        PULUMI_BIN_DIR="$(printf '%s\n' "$PULUMI_BIN_DIR" | tail -n1)"
        export PULUMI_BIN_DIR
        case ":$PATH:" in *":$PULUMI_BIN_DIR:"*) ;; *) export PATH="$PULUMI_BIN_DIR:$PATH" ;; esac
        hash -r
        echo "$PULUMI_BIN_DIR"
    else
        unset PULUMI_BIN_DIR
        echo "install-pulumi: failed" >&2
        return 1 2>/dev/null || exit 1
    fi
fi
