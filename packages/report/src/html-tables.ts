import type { AuditedMonth } from '@chronicle/rules';
import type { PractitionerFigures } from './audit-figures.js';
import { html, type Html } from './html-escape.js';
import { codesLabel, money } from './report-format.js';

// The tables of the HTML audit report; each month row links to the month's evidence.

export function byPractitionerTable(rows: readonly PractitionerFigures[]): Html {
  if (rows.length === 0) return html`<p>No billed months.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Practitioner</th>
        <th scope="col" class="num">Months</th>
        <th scope="col" class="num">With errors</th>
        <th scope="col" class="num">With warnings</th>
        <th scope="col" class="num">Error findings</th>
        <th scope="col" class="num">Warning findings</th>
        <th scope="col" class="num">At risk</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (g) =>
          html`<tr>
            <td>${g.practitionerId ?? '(none)'}</td>
            <td class="num">${g.months}</td>
            <td class="num">${g.monthsWithErrors}</td>
            <td class="num">${g.monthsWithWarnings}</td>
            <td class="num">${g.errorFindings}</td>
            <td class="num">${g.warningFindings}</td>
            <td class="num">${money(g.amountAtRisk)}</td>
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
            <td>
              ${m.findings.length > 0 ? html`<a href="#${anchor(m)}">${m.patientId}</a>` : m.patientId}
            </td>
            <td>${m.month}</td>
            <td>${m.billingPractitionerId ?? ''}</td>
            <td>${codesLabel(m.codes) || 'not billed'}</td>
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

type MonthKey = Pick<AuditedMonth, 'patientId' | 'month' | 'billingPractitionerId'>;

/** The element id of a month's evidence, also used by the sample's selection table. */
export function anchor(m: MonthKey): string {
  return `m-${m.patientId}-${m.month}-${m.billingPractitionerId ?? 'none'}`.replace(
    /[^A-Za-z0-9_-]/g,
    '_',
  );
}
