import type { AuditReport, AuditedMonth, Finding } from '@chronicle/rules';
import { html, Html } from './html-escape.js';
import { anchor, byPractitionerTable, byRuleTable, money, monthsTable } from './html-tables.js';
import { REPORT_CSS } from './report-css.js';

// A self-contained HTML page (inline CSS, no scripts, no external assets) that a
// compliance officer can open, print or attach: the summary, what the audit ran with,
// findings by rule and by practitioner, every month, and each flagged month's evidence.

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
    ${f.sources.length > 0 ? html`<p class="sources">Sources: ${f.sources.map((u, i) => html`${i > 0 ? ', ' : ''}${sourceLink(u)}`)}</p>` : ''}
  </li>`;
}

/**
 * A source as a link showing its host. Only http(s) URLs become links: escaping alone
 * would let a plugin rule's `javascript:` source run when clicked.
 */
function sourceLink(source: string): Html {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return html`${source}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return html`${source}`;
  return html`<a href="${source}">${url.hostname}</a>`;
}
