import type { AuditReport, AuditedMonth } from '@chronicle/rules';
import { html, type Html } from './html-escape.js';

// The tables of the HTML audit report; each month row links to the month's evidence.

export const money = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function byRuleTable(report: AuditReport): Html {
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

export function byPractitionerTable(months: readonly AuditedMonth[]): Html {
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

export function monthsTable(months: readonly AuditedMonth[]): Html {
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

export function anchor(m: AuditedMonth): string {
  return `m-${m.patientId}-${m.month}-${m.billingPractitionerId ?? 'none'}`.replace(
    /[^A-Za-z0-9_-]/g,
    '_',
  );
}
