#!/usr/bin/env bash
# Installs what Chronicle needs on a fresh machine with Node.js 20 and npm, then audits the
# bundled demo practice (synthetic data) and writes the report.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh >/dev/null
demo=apps/cli/demo/demo-dataset.json
# The audit exits 1 when it finds errors, as a linter does; the demo practice has some on
# purpose, so that exit status is expected here.
status=0
pnpm --silent chronicle audit "$demo" --format json --out chronicle-demo-report.json || status=$?
[ "$status" -le 1 ] || exit "$status"
pnpm --silent chronicle audit "$demo" --format html --out chronicle-demo-report.html || true
echo "Audited the demo practice (synthetic data): chronicle-demo-report.html (open it in a browser) and chronicle-demo-report.json."
node -e '
  const r = JSON.parse(require("fs").readFileSync("chronicle-demo-report.json", "utf8")).summary;
  const usd = (n) => "$" + n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  console.log(`  months audited ${r.monthsAudited}: passed ${r.monthsPassed}, with warnings ${r.monthsWithWarnings}, with errors ${r.monthsWithErrors}`);
  console.log(`  billed ${usd(r.billedAmount)}, at risk ${usd(r.amountAtRisk)}`);
  for (const [rule, n] of Object.entries(r.findingsByRule).sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${rule}: ${n}`);
'
