#!/usr/bin/env bash
# Installs what Chronicle needs on a fresh machine with Node.js 20 and npm, stores the
# bundled demo practice (synthetic data) in the embedded database, audits it from there
# and writes the report.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh >/dev/null
demo=apps/cli/demo/demo-dataset.json
# The embedded database (PGlite) in ./.chronicle/data, created and migrated on first use;
# the demo practice is kept under its own organization, "demo". Importing it again
# changes nothing, so the demo can be run any number of times.
db=./.chronicle/data
pnpm --silent chronicle import "$demo" --db "$db" --org demo --actor demo
# The audit reads the stored practice, patient by patient. It exits 1 when it finds
# errors, as a linter does; the demo practice has some on purpose, so that is expected.
status=0
pnpm --silent chronicle audit --db "$db" --org demo --actor demo --format json --out chronicle-demo-report.json || status=$?
[ "$status" -le 1 ] || exit "$status"
status=0
pnpm --silent chronicle audit --db "$db" --org demo --actor demo --format html --out chronicle-demo-report.html || status=$?
[ "$status" -le 1 ] || exit "$status"
echo "Audited the demo practice (synthetic data) stored in $db: chronicle-demo-report.html (open it in a browser) and chronicle-demo-report.json."
node -e '
  const r = JSON.parse(require("fs").readFileSync("chronicle-demo-report.json", "utf8")).summary;
  const usd = (n) => "$" + n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  console.log(`  months audited ${r.monthsAudited}: passed ${r.monthsPassed}, with warnings ${r.monthsWithWarnings}, with errors ${r.monthsWithErrors}`);
  console.log(`  billed ${usd(r.billedAmount)}, at risk ${usd(r.amountAtRisk)}`);
  for (const [rule, n] of Object.entries(r.findingsByRule).sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${rule}: ${n}`);
'
