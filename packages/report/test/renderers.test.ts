import { describe, expect, it } from 'vitest';
import { escapeHtml, renderAuditCsv, renderAuditHtml } from '../src/index.js';
import { report } from './sample-report.js';

describe('renderAuditHtml', () => {
  const html = renderAuditHtml(report);
  it('escapes every value taken from the report', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('pr-&lt;1&gt;');
    expect(html).toContain('href="https://example.org/a?b=1&amp;c=2"');
  });
  it('links only http(s) sources, so a javascript: source cannot run when clicked', () => {
    const hostile = structuredClone(report);
    hostile.months[0]?.findings[0]?.sources.push('javascript:alert(1)');
    const page = renderAuditHtml(hostile);
    expect(page).not.toContain('href="javascript:');
    expect(page).toMatch(/, javascript:alert\(1\)\s*<\/p>/);
    expect(page).toMatch(/Sources: not a url\s*<\/p>/);
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
    expect(lines).toHaveLength(7);
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
