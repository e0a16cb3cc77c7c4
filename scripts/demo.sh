#!/usr/bin/env bash
# Installs what Chronicle needs on a fresh machine with Node.js 20 and npm, then audits the
# bundled demo practice (synthetic data) and writes the report.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh >/dev/null
demo=apps/cli/demo/demo-dataset.json
pnpm --silent chronicle audit "$demo" --format html --out chronicle-demo-report.html || true
echo "Wrote chronicle-demo-report.html (open it in a browser). Summary:"
pnpm --silent chronicle audit "$demo" --format json | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const r = JSON.parse(s).summary;
    console.log(`  months audited ${r.monthsAudited}, passed ${r.monthsPassed}, with warnings ${r.monthsWithWarnings}, with errors ${r.monthsWithErrors}`);
    console.log(`  billed $${r.billedAmount.toFixed(2)}, at risk $${r.amountAtRisk.toFixed(2)}`);
  });'
