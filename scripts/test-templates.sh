#!/usr/bin/env bash
# Renders every golden-path template (templates/) through the real
# scaffolder and runs each generated project's own `npm install && npm test`
# in a temporary directory (nothing is cached outside it). `make test` runs
# the same test with only the TypeScript service's project; this script runs
# all three. The PostgreSQL tests of the service run when PostgreSQL answers
# on 127.0.0.1:5432.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/env.sh

if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  node -e "require('net').connect(5432,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432
fi

cd plugins/scaffolder-backend-module-paved
PAVED_TEMPLATE_PROJECT_TESTS=all CI=true \
  yarn backstage-cli package test --watchAll=false src/templates.test.ts
