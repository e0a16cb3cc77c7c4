import type { AuditReport, AuditedMonth, Finding } from '@chronicle/rules';
import {
  errorRateByMonth,
  findingsByPractitioner,
  findingsByRule,
  flaggedMonths,
  type AuditRenderOptions,
} from './audit-figures.js';
import { errorRateSection } from './html-error-chart.js';
import { html, Html } from './html-escape.js';
import { pluginSectionsHtml } from './html-plugin-sections.js';
import { byRuleTable } from './html-rule-table.js';
import { estimateSection, sampleSection } from './html-sample.js';
import { sourcesLine } from './html-source-link.js';
import { anchor, byPractitionerTable, monthsTable } from './html-tables.js';
import { evidenceText, money } from './report-format.js';
import { REPORT_CSS } from './report-css.js';

// A self-contained HTML page (inline CSS, no scripts, no external assets) that a
// compliance officer can open, print or attach: the summary, the sample and estimate of a
// sampled audit, the error rate by month, findings by rule (with what to do about each)
// and by practitioner, the plugins' sections, every month, each flagged month's evidence,
// and what the audit ran with. Nothing in it depends on when or where it was rendered.

export function renderAuditHtml(report: AuditReport, options: AuditRenderOptions = {}): string {
  const s = report.summary;
  const flagged = flaggedMonths(report.months);
  // Not formatted by prettier: the plugin sections follow "Findings by rule" on its closing
  // line, so that a report without any is byte for byte what it was (the golden files).
  // prettier-ignore
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
            ${report.rulesVersion}${report.sampling ? ' · sampled audit' : ''}
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
            adjustment.${s.unpricedLines > 0 ? ` ${s.unpricedLines} line(s) have no confirmed amount and count as $0.` : ''}${report.sampling ? ` These figures are over the ${report.sampling.sampleSize} sampled months; the estimate below extrapolates them to the frame.` : ''}
          </p>
        </section>
        ${
          report.sampling
            ? html`<section aria-labelledby="sample">
                <h2 id="sample">Sample</h2>
                ${sampleSection(report, report.sampling)}
              </section>`
            : ''
        }
        ${
          report.estimate
            ? html`<section aria-labelledby="estimate">
                <h2 id="estimate">Overpayment estimate</h2>
                ${estimateSection(report.estimate)}
              </section>`
            : ''
        }
        <section aria-labelledby="error-rate">
          <h2 id="error-rate">Error rate by month</h2>
          ${errorRateSection(errorRateByMonth(report.months))}
        </section>
        <section aria-labelledby="by-rule">
          <h2 id="by-rule">Findings by rule</h2>
          ${byRuleTable(findingsByRule(report, options.rules))}
        </section>${pluginSectionsHtml(options.sections)}
        <section aria-labelledby="by-practitioner">
          <h2 id="by-practitioner">Findings by billing practitioner</h2>
          ${byPractitionerTable(findingsByPractitioner(report.months))}
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
          <h2 id="policy">Rules version and policy options</h2>
          <p>Rules version ${report.rulesVersion}, with these policy options:</p>
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
      practitioner · billed ${money(m.billedAmount)}, at risk ${money(m.amountAtRisk)}
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
            <dd>${evidenceText(v)}</dd>`,
      )}
    </dl>
    ${sourcesLine(f.sources)}
  </li>`;
}
