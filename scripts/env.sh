# Sourced by the Makefile's scripts and bin/paved: puts the project's own
# Node 22 (from .tools/) and yarn 4 (committed in .yarn/releases) on PATH.
# People who already run Node 22+ and yarn 4 can ignore this file.
PAVED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PAVED_ROOT
PAVED_NODE_DIR="$PAVED_ROOT/.tools/node/node_modules/node-linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
export PAVED_NODE_DIR
if [ -x "$PAVED_NODE_DIR/bin/node" ]; then
  export PATH="$PAVED_ROOT/.tools/bin:$PAVED_NODE_DIR/bin:$PATH"
  # Native modules (better-sqlite3) build against this Node's headers.
  export npm_config_nodedir="$PAVED_NODE_DIR"
fi
