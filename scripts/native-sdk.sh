#!/usr/bin/env bash
# Generates the TypeScript SDK of the native plugin `uploadcare` from its schema and compiles it into
# dist/native-sdk/, which the npm package exports as `pulumi-uploadcare/native` (docs/native-provider.md).
# `npm pack` and `npm publish` run it (the `prepack` script); `npm run build` does not, so it stays fast.
#
#   bash scripts/native-sdk.sh        # needs dist/ (built if missing) and the pulumi CLI on PATH
#
# The schema comes from the built plugin (dist/native/schema) at this package's version; the SDK is what
# `pulumi package gen-sdk --language nodejs` writes for it, compiled with this repository's TypeScript. A
# stamp (sha256 of the schema, the CLI's version and the TypeScript version) skips the work when nothing
# changed, and the folder is replaced in one rename, so concurrent `npm pack` runs never see half an SDK.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
log() { echo "native-sdk: $*" >&2; }

# The CLI that scripts/setup.sh exports (PULUMI_BIN_DIR) first, as the engine tests find it.
if [ -n "${PULUMI_BIN_DIR:-}" ]; then PATH="$PULUMI_BIN_DIR:$PATH"; fi
if ! command -v pulumi >/dev/null 2>&1; then
    log "the pulumi CLI is not on PATH; it generates the SDK (pulumi package gen-sdk). Run \`. scripts/setup.sh\` first."
    exit 1
fi
[ -f dist/native/schema/index.js ] || npm run --silent build >&2
target="dist/native-sdk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version="$(node -p 'require("./package.json").version')"
node -e 'process.stdout.write(JSON.stringify(require("./dist/native/schema").packageSchema(process.argv[1]), null, 2) + "\n")' \
    "$version" >"$work/schema.json"
stamp="$( (cat "$work/schema.json"; pulumi version; node -p 'require("typescript/package.json").version') |
    node -e 'const h = require("node:crypto").createHash("sha256"); process.stdin.on("data", (d) => h.update(d)).on("end", () => console.log(h.digest("hex")))')"
if [ -f "$target/.stamp" ] && [ "$(cat "$target/.stamp")" = "$stamp" ]; then
    log "$target is up to date (uploadcare $version)"
    exit 0
fi

PULUMI_SKIP_UPDATE_CHECK=true pulumi package gen-sdk "$work/schema.json" --language nodejs --out "$work/sdk" >&2
sdk="$work/sdk/nodejs"
# The generated sources import @pulumi/pulumi and @types/node: this repository's copies.
ln -s "$REPO_ROOT/node_modules" "$sdk/node_modules"
# No source maps: they would point at sources the package does not ship.
node node_modules/typescript/bin/tsc -p "$sdk" --outDir "$work/out" --sourceMap false --declarationMap false >&2
# utilities.getVersion() reads ./package.json: the version each resource asks the engine for. Only the
# version, never the generated `pulumi` section (the upstream Node language host would then try to
# download a plugin `uploadcare` that no registry serves).
node -e '
const generated = require(process.argv[1]);
const manifest = { name: "pulumi-uploadcare-native", version: generated.version, private: true,
  description: "The generated SDK of the native plugin uploadcare; import it as pulumi-uploadcare/native." };
process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");' "$sdk/package.json" >"$work/out/package.json"
echo "$stamp" >"$work/out/.stamp"

# Replace the folder in one rename (the old one moves aside first).
mkdir -p dist
fresh="$(mktemp -d "dist/.native-sdk.XXXXXX")"
cp -R "$work/out/." "$fresh/"
chmod 755 "$fresh"
old="dist/.native-sdk.old.$$"
if [ -d "$target" ]; then mv "$target" "$old"; fi
mv "$fresh" "$target"
rm -rf "$old"
log "wrote $target (uploadcare $version, $(find "$target" -name '*.js' | wc -l) modules)"
