#!/usr/bin/env bash
# Starts the portal on the embedded SQLite database: frontend on
# http://localhost:3000, backend on http://localhost:7007.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/env.sh
mkdir -p data
echo "Paved: frontend http://localhost:3000 (sign in as guest), backend http://localhost:7007"
exec yarn start
