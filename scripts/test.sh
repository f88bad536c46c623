#!/usr/bin/env bash
# `npm test`: contracts lint, type-check, lint, then every Jest tier (unit, integration, e2e) against
# real Postgres, Redis and Kafka. infra/start makes sure those run (Kafka is started by the project).
# --forceExit: a client library that keeps a socket or timer open after close() must not hang CI.
set -euo pipefail
cd "$(dirname "$0")/.."

bash infra/start
echo "== buf lint (proto/)"
npx buf lint
echo "== prettier --check"
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== type-check"
npx tsc -p tsconfig.json --noEmit
echo "== eslint"
npx eslint .
echo "== jest"
mkdir -p test-results
node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js \
  --json --outputFile=test-results/jest.json --forceExit "$@"
