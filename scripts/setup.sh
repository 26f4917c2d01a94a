#!/usr/bin/env bash
# Brings the toolchain into the project and installs dependencies. Every step
# is skipped when already done, so a second run takes a second or two.
#   - Node 22 from the npm registry package node-linux-<arch> into .tools/node
#   - a yarn shim in .tools/bin that runs the committed .yarn/releases/yarn-*.cjs
#   - yarn install --immutable when yarn.lock or a package.json changed
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
NODE_VERSION=22.23.3

. scripts/env.sh
if [ ! -x "$PAVED_NODE_DIR/bin/node" ] || [ "$("$PAVED_NODE_DIR/bin/node" --version)" != "v$NODE_VERSION" ]; then
  command -v npm >/dev/null || { echo "setup: npm is needed once to fetch Node $NODE_VERSION" >&2; exit 1; }
  arch=$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')
  echo "setup: installing Node $NODE_VERSION into .tools/node"
  mkdir -p .tools/node
  npm install --prefix .tools/node --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-$arch@$NODE_VERSION" >/dev/null
fi
mkdir -p .tools/bin
yarn_release=$(ls .yarn/releases/yarn-*.cjs)
cat > .tools/bin/yarn <<SHIM
#!/bin/sh
exec "$PAVED_NODE_DIR/bin/node" "$root/$yarn_release" "\$@"
SHIM
chmod +x .tools/bin/yarn
. scripts/env.sh

# Reinstall only when the inputs of the install changed.
stamp=node_modules/.paved-install-stamp
want=$( (node --version; cat yarn.lock package.json .yarnrc.yml; cat packages/*/package.json plugins/*/package.json) | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: yarn install (first run takes a few minutes)"
  yarn install --immutable
  echo "$want" > "$stamp"
fi
mkdir -p data
