#!/usr/bin/env bash
# Installs what the tests need on a fresh machine with Node.js 20 and npm, then runs every
# check and test. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
step() { echo "== $*"; "$@"; }
step pnpm run check:exports
step pnpm exec turbo run build
step node scripts/check-exports.mjs --built
step pnpm exec tsc -p scripts/tsconfig.json
step pnpm exec tsc -p tsconfig.json
step pnpm exec turbo run typecheck
step pnpm exec eslint .
step pnpm exec prettier --check . --log-level warn
step bash scripts/audit-deps.sh
# The database tests run on PGlite and on PostgreSQL, which they require.
step bash scripts/start-postgres.sh
# The console's browser tests drive the system Chromium, which they require.
step bash scripts/install-chromium.sh
mkdir -p .turbo
step pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.turbo/vitest-results.json
# One closing line in the plain form CI readers understand.
node -e 'const r = require("./.turbo/vitest-results.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)'
