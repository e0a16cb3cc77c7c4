import type { AuditReport, AuditedMonth, Finding } from '@chronicle/rules';
import { html, Html } from './html-escape.js';
import { REPORT_CSS } from './report-css.js';

// A self-contained HTML page (inline CSS, no scripts, no external assets) that a
// compliance officer can open, print or attach: the summary, what the audit ran with,
// findings by rule and by practitioner, every month, and each flagged month's evidence.

const money = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function renderAuditHtml(report: AuditReport): string {
  const s = report.summary;
  const flagged = report.months.filter((m) => m.findings.length > 0);
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>CCM audit ${report.period.from ?? ''} to ${report.period.to ?? ''}</title>
        <style>
          ${new Html(REPORT_CSS)}
        </style>
      </head>
      <body>
        <header>
          <h1>Chronic care management audit</h1>
          <p class="sub">
            Practice ${report.practice.id} (${report.practice.setting}, ${report.practice.timezone})
            · months ${report.period.from ?? '-'} to ${report.period.to ?? '-'} · rules
            ${report.rulesVersion}
          </p>
        </header>
        <section aria-labelledby="summary">
          <h2 id="summary">Summary</h2>
          <dl class="tiles">
            <div>
              <dt>Months audited</dt>
              <dd>${s.monthsAudited}</dd>
            </div>
            <div>
              <dt>Passed</dt>
              <dd class="pass">${s.monthsPassed}</dd>
            </div>
            <div>
              <dt>With warnings</dt>
              <dd class="warn">${s.monthsWithWarnings}</dd>
            </div>
            <div>
              <dt>With errors</dt>
              <dd class="fail">${s.monthsWithErrors}</dd>
            </div>
            <div>
              <dt>Billed</dt>
              <dd>${money(s.billedAmount)}</dd>
            </div>
            <div>
              <dt>At risk</dt>
              <dd class="fail">${money(s.amountAtRisk)}</dd>
            </div>
          </dl>
          <p class="note">
            Amounts: ${report.feeSchedule}, national, before the geographic
            adjustment.${s.unpricedLines > 0 ? ` ${s.unpricedLines} line(s) have no confirmed amount and count as $0.` : ''}
          </p>
        </section>
        <section aria-labelledby="by-rule">
          <h2 id="by-rule">Findings by rule</h2>
          ${byRuleTable(report)}
        </section>
        <section aria-labelledby="by-practitioner">
          <h2 id="by-practitioner">Months by billing practitioner</h2>
          ${byPractitionerTable(report.months)}
        </section>
        <section aria-labelledby="months">
          <h2 id="months">Every audited month</h2>
          ${monthsTable(report.months)}
        </section>
        <section aria-labelledby="flagged">
          <h2 id="flagged">Findings and evidence</h2>
          ${flagged.length === 0 ? html`<p>No findings.</p>` : flagged.map(monthDetail)}
        </section>
        <section aria-labelledby="policy">
          <h2 id="policy">Policy options in force</h2>
          <pre>${JSON.stringify(report.policy, null, 2)}</pre>
        </section>
      </body>
    </html> `;
  return page.text;
}

function byRuleTable(report: AuditReport): Html {
  const severity = new Map<string, string>();
  for (const m of report.months) for (const f of m.findings) severity.set(f.ruleId, f.severity);
  const rows = Object.entries(report.summary.findingsByRule).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  if (rows.length === 0) return html`<p>No findings.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Rule</th>
        <th scope="col">Severity</th>
        <th scope="col" class="num">Findings</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([id, n]) =>
          html`<tr>
            <td><code>${id}</code></td>
            <td><span class="badge ${severity.get(id) ?? ''}">${severity.get(id) ?? ''}</span></td>
            <td class="num">${n}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function byPractitionerTable(months: readonly AuditedMonth[]): Html {
  const groups = new Map<string, { audited: number; fail: number; warn: number; atRisk: number }>();
  for (const m of months) {
    if (m.claimIds.length === 0) continue;
    const key = m.billingPractitionerId ?? '(none)';
    const g = groups.get(key) ?? { audited: 0, fail: 0, warn: 0, atRisk: 0 };
    g.audited += 1;
    if (m.verdict === 'fail') g.fail += 1;
    if (m.verdict === 'warn') g.warn += 1;
    g.atRisk += m.amountAtRisk;
    groups.set(key, g);
  }
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Practitioner</th>
        <th scope="col" class="num">Months</th>
        <th scope="col" class="num">With errors</th>
        <th scope="col" class="num">With warnings</th>
        <th scope="col" class="num">At risk</th>
      </tr>
    </thead>
    <tbody>
      ${[...groups].map(
        ([id, g]) =>
          html`<tr>
            <td>${id}</td>
            <td class="num">${g.audited}</td>
            <td class="num">${g.fail}</td>
            <td class="num">${g.warn}</td>
            <td class="num">${money(g.atRisk)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function monthsTable(months: readonly AuditedMonth[]): Html {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Patient</th>
        <th scope="col">Month</th>
        <th scope="col">Practitioner</th>
        <th scope="col">Codes</th>
        <th scope="col" class="num">Staff min</th>
        <th scope="col" class="num">Practitioner min</th>
        <th scope="col">Verdict</th>
        <th scope="col" class="num">Billed</th>
        <th scope="col" class="num">At risk</th>
      </tr>
    </thead>
    <tbody>
      ${months.map(
        (m) =>
          html`<tr>
            <td><a href="#${anchor(m)}">${m.patientId}</a></td>
            <td>${m.month}</td>
            <td>${m.billingPractitionerId ?? ''}</td>
            <td>
              ${m.codes.map((c) => `${c.code}${c.units > 1 ? ` x${c.units}` : ''}`).join(', ') || 'not billed'}
            </td>
            <td class="num">${m.countableMinutes.clinicalStaff}</td>
            <td class="num">${m.countableMinutes.practitioner}</td>
            <td><span class="badge ${m.verdict}">${m.verdict}</span></td>
            <td class="num">${money(m.billedAmount)}</td>
            <td class="num">${money(m.amountAtRisk)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function anchor(m: AuditedMonth): string {
  return `m-${m.patientId}-${m.month}-${m.billingPractitionerId ?? 'none'}`.replace(
    /[^A-Za-z0-9_-]/g,
    '_',
  );
}

function monthDetail(m: AuditedMonth): Html {
  return html`<article id="${anchor(m)}">
    <h3>
      ${m.patientId} · ${m.month} · ${m.billingPractitionerId ?? 'no practitioner'}
      <span class="badge ${m.verdict}">${m.verdict}</span>
    </h3>
    <p class="sub">
      Claims ${m.claimIds.join(', ') || 'none'} · countable minutes:
      ${m.countableMinutes.clinicalStaff} clinical staff, ${m.countableMinutes.practitioner}
      practitioner
    </p>
    <ul class="findings">
      ${m.findings.map(findingItem)}
    </ul>
  </article>`;
}

function findingItem(f: Finding): Html {
  return html`<li>
    <span class="badge ${f.severity}">${f.severity}</span> <code>${f.ruleId}</code> ${f.message}
    <dl class="evidence">
      ${Object.entries(f.evidence).map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${typeof v === 'string' ? v : JSON.stringify(v)}</dd>`,
      )}
    </dl>
    ${f.sources.length > 0 ? html`<p class="sources">Sources: ${f.sources.map((u, i) => html`${i > 0 ? ', ' : ''}<a href="${u}">${hostOf(u)}</a>`)}</p>` : ''}
  </li>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
