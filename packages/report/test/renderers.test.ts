import { auditReportSchema, DEFAULT_POLICY, type AuditReport } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderAuditCsv, renderAuditHtml } from '../src/index.js';

// A hand-built report carrying the awkward values a renderer must survive: markup in a
// message, commas and quotes in evidence, a month with no findings.
const report: AuditReport = auditReportSchema.parse({
  format: 'ccm-audit-report',
  version: 1,
  rulesVersion: '1.0.0',
  policy: DEFAULT_POLICY,
  period: { from: '2026-10', to: '2026-10' },
  practice: { id: 'pr-<1>', timezone: 'America/Chicago', setting: 'office' },
  feeSchedule: 'test schedule',
  months: [
    {
      patientId: 'p-1',
      month: '2026-10',
      billingPractitionerId: 'c-md',
      claimIds: ['cl-1'],
      codes: [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
      countableMinutes: { clinicalStaff: 45, practitioner: 0 },
      verdict: 'fail',
      findings: [
        {
          ruleId: 'ADDON-INCREMENT-INCOMPLETE',
          severity: 'error',
          message: 'Billed <script>alert("x")</script> units, "quoted", with, commas',
          evidence: { entryIds: ['t-1', 't-2'], note: 'a "b", c' },
          sources: ['https://example.org/a?b=1&c=2'],
        },
      ],
      billedAmount: 166.01,
      amountAtRisk: 50.44,
      unpricedLines: 0,
    },
    {
      patientId: 'p-2',
      month: '2026-10',
      billingPractitionerId: 'c-md',
      claimIds: ['cl-2'],
      codes: [{ code: '99490', units: 1 }],
      countableMinutes: { clinicalStaff: 25, practitioner: 0 },
      verdict: 'pass',
      findings: [],
      billedAmount: 66.13,
      amountAtRisk: 0,
      unpricedLines: 0,
    },
  ],
  summary: {
    monthsAudited: 2,
    monthsPassed: 1,
    monthsWithWarnings: 0,
    monthsWithErrors: 1,
    findingsByRule: { 'ADDON-INCREMENT-INCOMPLETE': 1 },
    billedAmount: 232.14,
    amountAtRisk: 50.44,
    unpricedLines: 0,
  },
});

describe('renderAuditHtml', () => {
  const html = renderAuditHtml(report);
  it('escapes every value taken from the report', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('pr-&lt;1&gt;');
    expect(html).toContain('href="https://example.org/a?b=1&amp;c=2"');
  });
  it('is one self-contained page: no scripts, no external styles or images', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });
  it('shows the summary amounts, both months and the policy it ran with', () => {
    expect(html).toContain('$232.14');
    expect(html).toContain('$50.44');
    expect(html).toContain('p-2');
    expect(html).toContain('&quot;dateOfService&quot;: &quot;threshold-or-later&quot;');
  });
});

describe('renderAuditCsv', () => {
  it('writes a month row per month and a finding row per finding, quoting what needs it', async () => {
    const lines = (await renderAuditCsv(report)).trim().split('\n');
    expect(lines[0]).toBe(
      'record,patientId,month,billingPractitionerId,claimIds,codes,clinicalStaffMinutes,practitionerMinutes,verdict,billedAmount,amountAtRisk,ruleId,severity,message,evidence,sources',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('month,p-1,2026-10,c-md,cl-1,99490 99439x2,45,0,fail,166.01,50.44,,,,,');
    expect(lines[2]).toContain(
      '"Billed <script>alert(""x"")</script> units, ""quoted"", with, commas"',
    );
    expect(lines[3]).toBe('month,p-2,2026-10,c-md,cl-2,99490,25,0,pass,66.13,0,,,,,');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
