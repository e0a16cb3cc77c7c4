#!/usr/bin/env bash
# Audits the production dependencies for known vulnerabilities: high or critical
# advisories fail, each listed. When the advisory service cannot be reached (some networks
# let through only the registry's package endpoints), it says the audit was not performed
# and passes, unless CHRONICLE_REQUIRE_DEPENDENCY_AUDIT=1. scripts/dependency-audit.ts
# decides. CHRONICLE_AUDIT_CAPTURED names a captured run (JSON: status, stdout, stderr)
# to decide on instead of running pnpm: its tests use it.
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ -n "${CHRONICLE_AUDIT_CAPTURED:-}" ]]; then
  run=(--captured "$CHRONICLE_AUDIT_CAPTURED")
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  pnpm audit --prod --audit-level high --json >"$dir/stdout" 2>"$dir/stderr"
  run=("$dir/stdout" "$dir/stderr" "$?")
fi
node --import tsx scripts/dependency-audit.ts "${run[@]}"
