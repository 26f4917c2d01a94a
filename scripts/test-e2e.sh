#!/usr/bin/env bash
# Browser end-to-end tests: starts the portal on the embedded default (unless
# it is already running), drives Debian's Chromium through Playwright, then
# checks the portal's log for error-level lines. Screenshots and the log land
# in e2e-artifacts/ (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/env.sh
mkdir -p e2e-artifacts/screenshots data

chromium=${PAVED_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "e2e: installing Debian's chromium package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "e2e: Chromium not found at $chromium; install it (apt-get install chromium) or set PAVED_CHROMIUM" >&2
    exit 1
  fi
fi

up() { curl -fsS -o /dev/null "$1" 2>/dev/null; }
# The GitHub webhook secret the preview test signs with (previews.test.ts):
# random per run unless given; an already running portal needs the one it
# was started with (app-config.yaml has no default, production neither).
export PAVED_GITHUB_WEBHOOK_SECRET="${PAVED_GITHUB_WEBHOOK_SECRET:-$(openssl rand -hex 24)}"
started=""
log=e2e-artifacts/portal.log
if up http://localhost:7007/.backstage/health/v1/readiness && up http://localhost:3000; then
  echo "e2e: using the portal that is already running"
else
  echo "e2e: starting the portal (log: $log)"
  FORCE_COLOR=0 setsid yarn start >"$log" 2>&1 &
  started=$!
  trap 'kill -- -"$started" 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    if up http://localhost:7007/.backstage/health/v1/readiness && up http://localhost:3000; then break; fi
    if ! kill -0 "$started" 2>/dev/null; then echo "e2e: the portal exited; see $log" >&2; tail -40 "$log" >&2; exit 1; fi
    sleep 1
  done
  up http://localhost:7007/.backstage/health/v1/readiness || { echo "e2e: backend not ready after 300 s" >&2; exit 1; }
fi

if ! yarn playwright test --reporter=list; then
  # What the portal said, so a failure on a CI machine can be read from its
  # output alone: restarts, warnings, errors and Paved's scheduled work.
  if [ -n "$started" ]; then
    echo "e2e: the portal's restarts, warnings, errors and Paved task lines ($log):" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -v 'type="incomingRequest"' |
      grep -E 'Change detected| (warn|error) |Plugin initialization (started|complete)|paved info (Adoption|Seeded)' | tail -80 >&2 || true
  fi
  exit 1
fi

# The CLI answers from the same running backend (guest session locally).
echo "e2e: ./bin/paved info"
cli_out=$(./bin/paved info)
echo "$cli_out"
grep -q '^Paved [0-9]' <<<"$cli_out" || { echo "e2e: paved info gave no answer" >&2; exit 1; }

if [ -n "$started" ]; then
  # Backend log lines look like "<time> <plugin> <level> <message>".
  errors=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^[0-9T:.-]+Z [a-zA-Z-]+ error ' || true)
  if [ -n "$errors" ]; then
    echo "e2e: the portal logged errors:" >&2
    echo "$errors" >&2
    exit 1
  fi
  echo "e2e: portal log has no error-level lines"
fi
