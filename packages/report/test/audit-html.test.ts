import { ruleList, type AuditReport, type RuleSummary } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { renderAuditHtml } from '../src/index.js';
import { report } from './sample-report.js';
import { sampledReport } from './sampled-report.js';

// The HTML report's added sections: the error-rate chart and its table, findings by
// practitioner, each rule's description and corrective action, and a sampled audit's
// sample and estimate; and that nothing taken from the data can become markup.

const SCRIPT = '<script>alert(1)</script>';

function hostileReport(): AuditReport {
  const hostile = structuredClone(report);
  const month = hostile.months[0];
  if (month === undefined) throw new Error('the sample report has months');
  month.patientId = `p${SCRIPT}`;
  month.billingPractitionerId = `c${SCRIPT}`;
  month.claimIds = [`cl${SCRIPT}`];
  if (month.findings[0]) month.findings[0].evidence = { [`k${SCRIPT}`]: `v${SCRIPT}` };
  return hostile;
}

describe('renderAuditHtml: escaping', () => {
  it('escapes a <script> planted in a patient id, a practitioner id, a claim id and evidence', () => {
    const page = renderAuditHtml(hostileReport());
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(`p&lt;script&gt;alert(1)&lt;/script&gt; · 2026-10`);
    expect(page).toContain(`<td>c&lt;script&gt;alert(1)&lt;/script&gt;</td>`);
    expect(page).toContain(`<dt>k&lt;script&gt;alert(1)&lt;/script&gt;</dt>`);
    expect(page).toContain(`<dd>v&lt;script&gt;alert(1)&lt;/script&gt;</dd>`);
    expect(page).toContain(`Claims cl&lt;script&gt;alert(1)&lt;/script&gt;`);
  });

  it('escapes a <script> in a plugin rule description and corrective action', () => {
    const rules: RuleSummary[] = [
      {
        id: 'ADDON-INCREMENT-INCOMPLETE',
        severity: 'error',
        description: `d${SCRIPT}`,
        years: '2015+',
        sources: [],
        correctiveAction: `a${SCRIPT}`,
      },
    ];
    const page = renderAuditHtml(report, { rules });
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<p>d&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(page).toContain('a&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('renderAuditHtml: error rate by month', () => {
  const bars = (page: string) =>
    [...page.matchAll(/<rect\s+class="bar"\s+data-month="([^"]+)"\s+data-share="([^"]+)"/g)].map(
      (m) => [m[1], Number(m[2])],
    );

  it('draws one bar per calendar month, its share the months with errors over those audited', () => {
    // Months spread over three calendar months: 2026-09 1 of 2 in error, 2026-10 0 of 1,
    // 2026-11 2 of 2; the unbilled month of 2026-12 is not audited and gets no bar.
    const r = structuredClone(report);
    const [fail, pass] = [r.months[0], r.months[1]] as const;
    if (!fail || !pass) throw new Error('the sample report has months');
    const at = (m: typeof fail, month: string, patientId: string) => ({ ...m, month, patientId });
    r.months = [
      at(fail, '2026-09', 'a'),
      at(pass, '2026-09', 'b'),
      at(pass, '2026-10', 'c'),
      at(fail, '2026-11', 'd'),
      at(fail, '2026-11', 'e'),
      { ...at(pass, '2026-12', 'f'), claimIds: [], codes: [] },
    ];
    const page = renderAuditHtml(r);
    expect(bars(page)).toEqual([
      ['2026-09', 0.5],
      ['2026-10', 0],
      ['2026-11', 1],
    ]);
    // The bar heights are the shares of the 160-unit plot.
    expect(page).toMatch(/data-month="2026-09"[^>]*height="80.0"/);
    expect(page).toMatch(/data-month="2026-11"[^>]*height="160.0"/);
  });

  it('can be read without the picture: a titled, described SVG and the same figures in a table', () => {
    const page = renderAuditHtml(report);
    expect(page).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="rate-title rate-desc"/);
    expect(page).toContain('<desc id="rate-desc">2026-10: 33.3% (1 of 3).</desc>');
    expect(page).toMatch(
      /<td>2026-10<\/td>\s*<td class="num">3<\/td>\s*<td class="num">1<\/td>\s*<td class="num">33.3%<\/td>/,
    );
  });
});

describe('renderAuditHtml: findings by rule and by practitioner', () => {
  it("shows each rule's description, corrective action and sources from the rule list", () => {
    const page = renderAuditHtml(report);
    const entry = ruleList().find((r) => r.id === 'CAREPLAN-NOT-SHARED');
    expect(entry).toBeDefined();
    if (!entry) return;
    expect(page).toContain(entry.description.replaceAll("'", '&#39;'));
    if (entry.correctiveAction)
      expect(page).toContain(
        `<strong>Corrective action:</strong> ${entry.correctiveAction.replaceAll("'", '&#39;')}`,
      );
  });

  it('takes plugin rules from the options and says when a rule is in no list', () => {
    const rules: RuleSummary[] = [
      {
        id: 'UNDERBILLED-MONTH',
        severity: 'info',
        description: 'Plugin description.',
        years: '2015+',
        sources: ['https://example.org/plugin'],
        correctiveAction: 'Plugin action.',
      },
    ];
    const page = renderAuditHtml(report, { rules });
    expect(page).toContain('<p>Plugin description.</p>');
    expect(page).toContain('<strong>Corrective action:</strong> Plugin action.');
    expect(page).toContain('<a href="https://example.org/plugin">example.org</a>');
    expect(page).toMatch(/id="rule-CAREPLAN-NOT-SHARED"[\s\S]*?Not in the rule list/);
  });

  it('counts error and warning findings and the amount at risk per billing practitioner', () => {
    const page = renderAuditHtml(report);
    const row = (id: string) =>
      new RegExp(`<td>${id}</td>${'\\s*<td class="num">([^<]*)</td>'.repeat(6)}`)
        .exec(page)
        ?.slice(1);
    expect(row('c-md')).toEqual(['2', '1', '0', '1', '0', '$50.44']);
    expect(row('\\(none\\)')).toEqual(['1', '0', '1', '0', '1', '$0.00']);
  });
});

describe('renderAuditHtml: a sampled audit', () => {
  const page = renderAuditHtml(sampledReport);

  it('shows how the sample was drawn, with its strata, selection and how to redraw it', () => {
    expect(page).toContain('<h2 id="sample">Sample</h2>');
    expect(page).toContain('<dt>Seed</dt>');
    expect(page).toContain('<dd>20261101</dd>');
    expect(page).toContain('<dd>test generator (PCG32, partial Fisher-Yates)</dd>');
    expect(page).toContain('<dd>1,200 billed patient-months, $79,356.00 billed</dd>');
    expect(page).toContain('To redraw this sample');
    expect(page).toMatch(
      /<td class="num">1177<\/td>\s*<td class="num">3<\/td>\s*<td>Practitioner c-np<\/td>/,
    );
    // A failing sampled month links to its evidence.
    expect(page).toContain('<a href="#m-p-087-2026-10-c-md">p-087</a>');
  });

  it('shows the estimate with its limits and says when the lower limit is below zero', () => {
    expect(page).toContain('<h2 id="estimate">Overpayment estimate</h2>');
    expect(page).toContain('Two-sided 90% confidence intervals');
    expect(page).toMatch(
      /<th scope="row">Overpayment<\/th>\s*<td class="num">\$28,217.60<\/td>\s*<td class="num">-\$2,657.20<\/td>\s*<td class="num">\$59,092.40<\/td>/,
    );
    expect(page).toContain('3 of the 8 sampled months have an error finding (37.5%)');
    expect(page).toContain('below zero');
    expect(page).toContain('Method: Stratified expansion');
  });

  it('leaves both sections and the note out of an audit of every month', () => {
    const full = renderAuditHtml(report);
    expect(full).not.toContain('id="sample"');
    expect(full).not.toContain('id="estimate"');
    const above = structuredClone(sampledReport);
    if (above.estimate) above.estimate.overpayment.lowerLimit = 100;
    expect(renderAuditHtml(above)).not.toContain('below zero');
  });
});
