import { describe, expect, it } from 'vitest';
import { renderAuditHtml, renderAuditPdf, type PluginReportSection } from '../src/index.js';
import { markupLines, markupProblem } from '../src/section-markup.js';
import { pdfTextOf } from './pdf-text-of.js';
import { report } from './sample-report.js';

// Plugin report sections (proposed API `reportSections`) in the HTML and PDF reports: shown
// after "Findings by rule", naming their plugin, with their markup and table; a section
// whose markup goes beyond plain structural tags, or that failed in the host, shows why
// instead, and the rest of the report is made as usual.

const checks: PluginReportSection = {
  plugin: 'acme.plan',
  id: 'acme.checks',
  title: 'Plan checks',
  // As the host hands it over: built with the `html` tag, so the value is escaped.
  html: '<p>3 months checked by <strong>R&amp;D &lt;team&gt;</strong>.</p><ul><li>one</li><li>two</li></ul>',
  rows: [
    { Rule: 'acme/REVIEW-OVERDUE', Months: 2, Note: '<b>x</b>' },
    { Rule: 'acme/DX-FEW', Months: 0, Note: null },
  ],
};

const between = (page: string, from: string, to: string) =>
  page.slice(page.indexOf(from), page.indexOf(to));

describe('renderAuditHtml with plugin sections', () => {
  it('adds nothing when no plugin contributes a section', () => {
    expect(renderAuditHtml(report, { sections: [] })).toBe(renderAuditHtml(report));
  });

  it('shows a section after "Findings by rule", naming its plugin, with its markup and table', () => {
    const page = renderAuditHtml(report, { sections: [checks] });
    const part = between(page, 'id="by-rule"', 'id="by-practitioner"');
    expect(part).toContain('<h2 id="plugin-1-acme_checks">Plan checks</h2>');
    expect(part).toContain('data-plugin="acme.plan"');
    expect(part).toContain('From the plugin acme.plan.');
    expect(part).toContain('<strong>R&amp;D &lt;team&gt;</strong>');
    expect(part).toContain('<th scope="col" class="num">Months</th>');
    expect(part).toContain('<td class="num">2</td>');
    // Cells are text: a tag in one is escaped, a null is empty.
    expect(part).toContain('<td>&lt;b&gt;x&lt;/b&gt;</td>');
    expect(part).toContain('<td></td>');
  });

  it('shows a section whose markup holds a script, a style or a handler as refused, keeping the page script-free', () => {
    const hostile = [
      '<p>ok</p><script>alert(1)</script>',
      '<p style="background:url(https://x.example/t.png)">x</p>',
      '<p onclick="alert(1)">x</p>',
      '<img src="https://x.example/t.png">',
    ];
    for (const markup of hostile) {
      const page = renderAuditHtml(report, { sections: [{ ...checks, html: markup }] });
      expect(page).not.toMatch(/<script|<img|onclick=|style="/i);
      expect(page).toMatch(/This section could not be shown: its markup was left out: it uses/);
    }
  });

  it('shows the error of a section the host could not render, and the other sections', () => {
    const failed = {
      plugin: 'acme.other',
      id: 'broken',
      title: 'Broken',
      error: 'render threw: boom',
    };
    const page = renderAuditHtml(report, { sections: [failed, checks] });
    expect(page).toContain('This section could not be shown: render threw: boom');
    expect(page).toContain('<h2 id="plugin-2-acme_checks">Plan checks</h2>');
  });
});

describe('markupProblem', () => {
  it('accepts plain structural tags with class, title, scope and data- attributes', () => {
    expect(
      markupProblem(
        '<div class="a" data-x="1"><h3 title="t">T</h3><table><tr><th scope="col">a</th></tr></table><br /></div>',
      ),
    ).toBeUndefined();
  });
  it('refuses links, comments, unquoted attributes and a bare "<"', () => {
    expect(markupProblem('<a href="https://example.org">x</a>')).toBe(
      'it uses <a>, which reports do not allow',
    );
    expect(markupProblem('<!-- x -->')).toMatch(/does not open a plain tag/);
    expect(markupProblem('<p class=x>y</p>')).toMatch(/does not open a plain tag/);
    expect(markupProblem('1 < 2')).toMatch(/at character 2/);
  });
});

describe('markupLines', () => {
  it('turns blocks into lines, list items into bullets and entities into characters', () => {
    expect(markupLines(checks.html as string)).toEqual([
      '3 months checked by R&D <team>.',
      '• one',
      '• two',
    ]);
    expect(
      markupLines('<p>it&#39;s &#x41;</p><table><tr><td>a</td><td>b</td></tr></table>'),
    ).toEqual(["it's A", 'a b']);
    // A line break of the template's layout is a space, not a new line.
    expect(markupLines('<p>\n  Billed months:\n  <strong>3</strong>.\n</p>')).toEqual([
      'Billed months: 3.',
    ]);
  });
});

describe('renderAuditPdf with plugin sections', () => {
  it('writes a section after "Findings by rule" as text and a table', async () => {
    const doc = await pdfTextOf(await renderAuditPdf(report, { sections: [checks] }));
    const text = doc.pages.join('\n').replace(/\s+/g, ' ');
    const part = between(text, 'Findings by rule', 'Findings by billing practitioner');
    expect(part).toContain('Plan checks From the plugin acme.plan.');
    expect(part).toContain('3 months checked by R&D <team>.');
    expect(part).toContain('Rule Months Note');
    expect(part).toContain('acme/REVIEW-OVERDUE 2 <b>x</b>');
  });

  it('writes the reason for a section that cannot be shown', async () => {
    const doc = await pdfTextOf(
      await renderAuditPdf(report, {
        sections: [{ ...checks, html: '<p>x</p><script>alert(1)</script>' }],
      }),
    );
    expect(doc.pages.join(' ').replace(/\s+/g, ' ')).toContain(
      'This section could not be shown: its markup was left out: it uses <script>, which reports do not allow',
    );
  });
});
