#!/usr/bin/env bash
# `npm test`: contracts lint, type-check, lint, then every Jest tier (unit, integration, e2e) against
# real Postgres, Redis and Kafka, then the ticket domain's suite once more on embedded PGlite. infra/start makes sure those run (Kafka is started by the project).
# --forceExit: a client library that keeps a socket or timer open after close() must not hang CI.
set -euo pipefail
cd "$(dirname "$0")/.."

bash infra/start
# The customer portal's browser test drives Debian's Chromium (never a downloaded browser).
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  echo "== installing Debian's chromium for the browser tests"
  if [[ "$(id -u)" == 0 ]]; then apt-get install -y chromium; else sudo apt-get install -y chromium; fi
fi
echo "== buf lint (proto/)"
npx buf lint
echo "== prettier --check"
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== type-check"
npx tsc -p tsconfig.json --noEmit
echo "== eslint"
npx eslint .
mkdir -p test-results
rm -f test-results/jest*.json
jest() { node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js --forceExit "$@"; }
status=0
echo "== jest (Postgres server, Redis, Kafka)"
jest --json --outputFile=test-results/jest.json "$@" || status=$?
# The ticket domain's SQL suite again on embedded PGlite, the engine `npm start` uses.
echo "== jest (embedded PGlite: ticket domain)"
TEST_DATABASE=pglite jest --json --outputFile=test-results/jest-pglite.json \
  libs/persistence libs/tickets libs/agent-api libs/demo || status=$?
exit $status
