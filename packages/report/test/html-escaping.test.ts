import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit, ruleList, type AuditReport, type RuleSummary } from '@chronicle/rules';
import fc from 'fast-check';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import {
  renderAuditCsv,
  renderAuditHtml,
  renderAuditPdf,
  type PluginReportSection,
} from '../src/index.js';
import { pdfTextOf } from './pdf-text-of.js';

// Issue 8: every user-supplied string that reaches the HTML report (ids, clinician names in
// rule messages, evidence, a plugin rule's texts and sources, plugin sections) is shown as
// text. The page is read back with a real HTML parser (parse5, the WHATWG algorithm a
// browser follows): no script, no event handler, no javascript: link, no element the
// report does not write itself, and the planted text is there as text. The PDF and CSV
// carry the same strings as plain text.

type Dataset = Parameters<typeof audit>[0];
type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const H = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  style: '</style><script>alert(2)</script>',
  title: '</title><svg onload=alert(3)>',
  comment: '--><script>alert(4)</script><!--',
  quote: "' onmouseover='alert(5)",
  js: 'javascript:alert(6)',
};

/** Elements the report writes itself; anything else in the page was injected. */
const REPORT_ELEMENTS = new Set(
  'html head meta title style body header h1 h2 h3 h4 p section article dl dt dd div span table caption thead tbody tfoot tr th td ul ol li a code pre strong em b i small br blockquote svg desc rect text line figure figcaption'.split(
    ' ',
  ),
);

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  if ('content' in node) yield* elements(node.content as Node);
  if ('childNodes' in node) for (const child of node.childNodes) yield* elements(child);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** What a browser would run or load from the page, as a list of offences (empty when none). */
function activeContent(page: string): string[] {
  const found: string[] = [];
  let styles = 0;
  for (const el of elements(parse(page))) {
    if (el.tagName === 'style') styles += 1;
    if (!REPORT_ELEMENTS.has(el.tagName)) found.push(`<${el.tagName}>`);
    for (const { name, value } of el.attrs) {
      if (/^on/i.test(name)) found.push(`${el.tagName}[${name}]`);
      if (/^(href|src|action|formaction|xlink:href|srcdoc|style)$/i.test(name)) {
        if (name === 'href' && /^(#|https?:\/\/)/i.test(value)) continue;
        found.push(`${el.tagName}[${name}=${value}]`);
      }
    }
  }
  if (styles !== 1) found.push(`${styles} style elements`);
  return found;
}

const bodyText = (page: string) => {
  const body = [...elements(parse(page))].find((e) => e.tagName === 'body') as Element;
  return textOf(body);
};

/** Worked example 05 (two practitioners, rule messages that name them) with every id and name hostile. */
function hostileDataset(): { dataset: Dataset; names: string[]; ids: string[] } {
  const file = join(import.meta.dirname, '../../../fixtures/examples/05-multi-practitioner.json');
  const original = (JSON.parse(readFileSync(file, 'utf8')) as { dataset: Dataset }).dataset;
  const ids = new Map<string, string>([[original.practice.id, `pr ${H.title}`]]);
  original.clinicians.forEach((c, i) => ids.set(c.id, `${c.id} ${i % 2 ? H.img : H.quote}`));
  original.patients.forEach((p) => {
    ids.set(p.id, `${p.id} ${H.script}`);
    p.claims.forEach((c) => ids.set(c.id, `${c.id} ${H.style}`));
  });
  const dataset = JSON.parse(
    JSON.stringify(original, (_k, v: unknown) => (typeof v === 'string' ? (ids.get(v) ?? v) : v)),
  ) as Dataset;
  dataset.clinicians.forEach((c, i) => (c.name = `Dr ${i % 2 ? H.script : H.img} ${c.id}`));
  for (const p of dataset.patients) {
    p.name = { given: `Given${H.img}`, family: `Family${H.script}` };
    for (const t of p.timeEntries) t.activity = `${H.comment} call`;
    for (const c of p.conditions) c.display = H.title;
  }
  return { dataset, names: dataset.clinicians.map((c) => c.name), ids: [...ids.values()] };
}

const PLUGIN_RULE = `acme/RULE${H.img}`;
const pluginRule: RuleSummary = {
  id: PLUGIN_RULE,
  severity: 'warning',
  description: `Description ${H.script}`,
  years: 'all',
  sources: [H.js, ' JaVaScRiPt:alert(7)', 'java\tscript:alert(8)', `data:text/html,${H.script}`],
  correctiveAction: `Action ${H.img}`,
};

/** The audit of the hostile dataset, with a plugin rule's finding carrying hostile text too. */
function hostileReport(): AuditReport {
  const report = audit(hostileDataset().dataset);
  const month = report.months[0] as AuditReport['months'][number];
  month.findings.push({
    ruleId: PLUGIN_RULE,
    severity: 'warning',
    message: `Message ${H.script} ${H.img}`,
    evidence: { [`key ${H.img}`]: `value ${H.style}`, nested: [H.comment, { deep: H.title }] },
    sources: [...pluginRule.sources, `https://example.invalid/a?b="><script>alert(9)</script>`],
  });
  report.summary.findingsByRule[PLUGIN_RULE] = 1;
  return report;
}

const sections: PluginReportSection[] = [
  {
    plugin: `acme ${H.img}`,
    id: H.script,
    title: `Title ${H.title}`,
    rows: [{ [`Column ${H.img}`]: `Cell ${H.script}`, n: 1 }],
  },
  // As the host hands markup over: built with the `html` tag, the values escaped.
  {
    plugin: 'acme',
    id: 'escaped',
    title: 't',
    html: `<p>${'&lt;script&gt;alert(1)&lt;/script&gt;'}</p>`,
  },
  { plugin: 'acme', id: 'raw', title: 't', html: H.script },
  { plugin: 'acme', id: 'failed', title: 't', error: `Error ${H.img}` },
];

describe('HTML report escaping, read back with an HTML parser', () => {
  const report = hostileReport();
  // The planted ids and names the report's data carries (a staff member's name or id, for
  // one, appears nowhere in it).
  const data = JSON.stringify(report);
  const carried = (values: string[]) => values.filter((v) => data.includes(JSON.stringify(v)));
  const names = carried(hostileDataset().names);
  const ids = carried(hostileDataset().ids);
  const page = renderAuditHtml(report, { rules: [...ruleList(), pluginRule], sections });
  const text = bodyText(page);

  it('the hostile dataset still audits with findings whose messages name the practitioners', () => {
    expect(names).toHaveLength(2);
    expect(ids.length).toBeGreaterThanOrEqual(5);
  });

  it('runs nothing: no script, no event handler, no javascript: link, no injected element', () => {
    expect(activeContent(page)).toEqual([]);
  });

  it('shows every planted id, practitioner name, message, evidence and plugin text as text', () => {
    for (const planted of [
      ...ids,
      ...names,
      PLUGIN_RULE,
      `Message ${H.script} ${H.img}`,
      `key ${H.img}`,
      `value ${H.style}`,
      H.comment,
      `Description ${H.script}`,
      `Action ${H.img}`,
      H.js,
      `data:text/html,${H.script}`,
      `acme ${H.img}`,
      `Title ${H.title}`,
      `Column ${H.img}`,
      `Cell ${H.script}`,
      '<script>alert(1)</script>', // the escaped markup of a section, as text
      `Error ${H.img}`,
    ])
      expect(text, planted).toContain(planted);
  });

  it('leaves patient names and time-entry notes out of the report altogether', () => {
    expect(page).not.toContain('Given');
    expect(page).not.toContain('Family');
    expect(text).not.toContain(`${H.comment} call`);
  });

  it('links only http(s) sources, by their host', () => {
    const links = [...elements(parse(page))]
      .filter((e) => e.tagName === 'a')
      .map((a) => a.attrs.find((x) => x.name === 'href')?.value ?? '');
    expect(links.filter((href) => !href.startsWith('#')).every((h) => /^https?:\/\//.test(h))).toBe(
      true,
    );
    expect(links).toContain(`https://example.invalid/a?b="><script>alert(9)</script>`);
  });

  it('accepts plugin section markup only when a parser finds nothing active in it', () => {
    // Fragments of markup, allowed and not, glued at random: whatever the section check
    // lets through must parse to structural tags only.
    const fragment = fc.constantFrom(
      '<p>',
      '</p>',
      '<b class="x">',
      '</b>',
      '<td>',
      '<table>',
      '<br/>',
      '<script>',
      '</script>',
      '<style>',
      '<img src=x onerror=alert(1)>',
      '<p onclick="alert(1)">',
      '<p title="a" onmouseover="x">',
      '<p title=x onmouseover=alert(1)>',
      '<p data-x="1"/onload="alert(1)">',
      '<a href="javascript:alert(1)">',
      '<!--',
      '-->',
      '<![CDATA[',
      '<svg>',
      '<math>',
      '<noscript>',
      '<textarea>',
      '<iframe srcdoc="x">',
      '&lt;script&gt;',
      '&#60;script&#62;',
      '"',
      "'",
      '<',
      '>',
      'text',
      '\u0000',
      '</title>',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const markup = parts.join('');
        const html = renderAuditHtml(report, {
          rules: [...ruleList(), pluginRule],
          sections: [{ plugin: 'fuzz', id: 'fuzz', title: 'Fuzz', html: markup }],
        });
        expect(activeContent(html), markup).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('writes the same strings as plain text into the PDF, with no script or javascript: action', async () => {
    const bytes = await renderAuditPdf(report, { rules: [...ruleList(), pluginRule], sections });
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).not.toMatch(/\/JavaScript|\/JS\b|\/Launch/);
    for (const [, uri] of raw.matchAll(/\/URI \(([^)]*)\)/g)) expect(uri).toMatch(/^https?:/);
    const pdf = (await pdfTextOf(bytes)).pages.join('\n').replace(/\s+/g, ' ');
    expect(pdf).toContain(`Message ${H.script} ${H.img}`);
    expect(pdf).toContain(ids[1] as string);
  });

  it('writes the same strings into the CSV as cells, quoted where they hold quotes', async () => {
    const csv = await renderAuditCsv(report);
    expect(csv).toContain(`"Message ${H.script} ${H.img.replaceAll('"', '""')}"`);
    expect(csv).toContain(`${ids[1]}`.replaceAll('"', '""'));
  });
});
