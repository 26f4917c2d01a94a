#!/usr/bin/env bash
# Every test Paved has, in the order a failure is cheapest to find:
# generated files, types, lint, formatting, unit and integration tests (on
# SQLite and, when it answers, PostgreSQL), the backend on PostgreSQL, and the
# browser end-to-end tests in Debian's Chromium.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/env.sh

# Every step runs as a plain command so that `set -e` stops at the first
# failure (a command on the left of `&&` would not stop the script).
passed=0
step() {
  echo
  echo "==> $*"
}
ok() { passed=$((passed + 1)); }

pg_answers() {
  node -e "require('net').connect(5432,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"
}
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] && pg_answers; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432
fi

# The orchestrator events tests start their own nats-server with JetStream.
if [ -z "${NATS_SERVER_BIN:-}" ] && ! command -v nats-server >/dev/null && [ -x /usr/sbin/nats-server ]; then
  export NATS_SERVER_BIN=/usr/sbin/nats-server
fi

step "Generated OpenAPI specs are up to date"
node scripts/openapi-spec.mjs --check
ok

step "Type-check"
yarn tsc
ok

step "Lint (Backstage eslint config)"
yarn backstage-cli repo lint
ok

step "Formatting (prettier)"
yarn prettier --check --loglevel warn .
ok

step "Unit and integration tests (SQLite${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:+ and PostgreSQL 15})"
CI=true yarn backstage-cli repo test --watchAll=false
ok

step "Backend with app-config.production.yaml on PostgreSQL"
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  POSTGRES_URL="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING" node scripts/it/backend-postgres.mjs
  ok
else
  echo "SKIPPED: no PostgreSQL on 127.0.0.1:5432 (start it to run this step)"
fi

step "Paved's actions over MCP with external-access tokens (production config)"
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  POSTGRES_URL="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING" node scripts/it/mcp-external-access.mjs
  ok
else
  echo "SKIPPED: no PostgreSQL on 127.0.0.1:5432 (start it to run this step)"
fi

step "Two backend replicas on one PostgreSQL database"
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  POSTGRES_URL="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING" node scripts/it/two-backends-postgres.mjs
  ok
else
  echo "SKIPPED: no PostgreSQL on 127.0.0.1:5432 (start it to run this step)"
fi

step "Production image, Helm values and Paved's own Score file"
node scripts/it/deploy-check.mjs
ok

step "Browser end-to-end tests (Chromium)"
bash scripts/test-e2e.sh
ok

echo
echo "checks: $passed passed, 0 failed"
