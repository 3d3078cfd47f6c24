#!/usr/bin/env bash
# Packs the native provider plugin `uploadcare` (docs/native-provider.md) as a tarball for
#   pulumi plugin install resource uploadcare <version> --file <tarball>
# and writes the package schema beside it. Prints the tarball's path on the last stdout line.
#
#   npm run plugin:pack                 # → dist-plugin/pulumi-resource-uploadcare-v<version>.tar.gz, schema.json
#   npm run plugin:pack -- --sdk        # also generates sdk/nodejs and sdk/python (needs pulumi on PATH and Go)
#
# The tarball holds the launcher `pulumi-resource-uploadcare` (runs dist/native/main.js with the user's
# `node`, Node >= 22), dist/, package.json and the production node_modules, including the @pulumi/pulumi
# version this repo pins (the plugin loads its gRPC stubs from it). Pure JavaScript: one tarball serves
# every OS and CPU. Env: PLUGIN_PACK_OUT (default dist-plugin).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
out="$(mkdir -p "${PLUGIN_PACK_OUT:-dist-plugin}" && cd "${PLUGIN_PACK_OUT:-dist-plugin}" && pwd)"
log() { echo "plugin-pack: $*" >&2; }

[ -f dist/native/main.js ] || npm run --silent build >&2
version="$(node -p 'require("./package.json").version')"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

cp -R dist "$stage/dist"
install -m 0755 bin/pulumi-resource-uploadcare "$stage/pulumi-resource-uploadcare"
# A manifest of our runtime dependencies plus @pulumi/pulumi, a peer dependency of the npm package
# (which a program brings) but a real one of the plugin.
node -e '
const p = require("./package.json");
const sdk = (p.devDependencies || {})["@pulumi/pulumi"] || (p.peerDependencies || {})["@pulumi/pulumi"];
const manifest = { name: "pulumi-resource-uploadcare", version: p.version, private: true, license: p.license,
  description: "Native Pulumi provider plugin of pulumi-uploadcare", main: "dist/native/main.js",
  engines: p.engines, dependencies: { ...p.dependencies, "@pulumi/pulumi": sdk } };
process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");' >"$stage/package.json"
node -e 'process.stdout.write(JSON.stringify(require("./dist/native/schema").packageSchema(process.argv[1]), null, 2) + "\n")' \
    "$version" >"$out/schema.json"
cp "$out/schema.json" "$stage/schema.json"

log "npm install --omit=dev in the staging folder (prefers the local npm cache)"
(cd "$stage" && npm install --omit=dev --omit=peer --no-audit --no-fund --no-package-lock --prefer-offline \
    --loglevel=error >&2)
tarball="$out/pulumi-resource-uploadcare-v$version.tar.gz"
tar -czf "$tarball" -C "$stage" .
log "wrote $tarball ($(du -h "$tarball" | cut -f1)) and $out/schema.json"

# SDKs from the schema, into sdk/ (gitignored; CI builds them): TypeScript through the CLI and our Node
# language host's GeneratePackage, Python through tools/pulumi/gensdk (no Python language host here).
if [ "${1:-}" = "--sdk" ]; then
    rm -rf sdk/nodejs sdk/python
    PULUMI_SKIP_UPDATE_CHECK=true pulumi package gen-sdk "$out/schema.json" --language nodejs --out sdk >&2
    (cd tools/pulumi && go run -mod=readonly -buildvcs=false ./gensdk -schema "$out/schema.json" -out "$REPO_ROOT/sdk/python") >&2
    log "wrote sdk/nodejs and sdk/python"
fi
echo "$tarball"
