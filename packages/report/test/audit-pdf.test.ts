import { auditReportSchema, type AuditReport, type RuleSummary } from '@chronicle/rules';
import { describe, expect, it, vi } from 'vitest';
import { renderAuditPdf } from '../src/index.js';
import { pdfTextOf, type PdfPages } from './pdf-text-of.js';
import { report } from './sample-report.js';
import { sampledReport } from './sampled-report.js';

// The PDF rendering, read back as text the way a reader (or a screen reader) gets it:
// the title, every section, a rule with its corrective action, the estimate, a failing
// month's evidence and the page numbers.

// A rule list given explicitly, so that these tests do not move when the catalogue's
// wording does.
const rules: RuleSummary[] = [
  {
    id: 'ADDON-INCREMENT-INCOMPLETE',
    severity: 'error',
    description: 'Add-on units exceed the full increments of countable time.',
    years: '2015+',
    sources: ['https://example.org/addon'],
    correctiveAction: 'Correct the claim to the supported add-on units and refund any excess.',
  },
];

/** Every page's text with runs of white space (line breaks included) made one space. */
const flat = (doc: PdfPages) => doc.pages.join('\n').replace(/\s+/g, ' ');

const HEADINGS = [
  'Summary',
  'Error rate by month',
  'Findings by rule',
  'Findings by billing practitioner',
  'Findings and evidence',
  'Rules version and policy options',
];

describe('renderAuditPdf', () => {
  it('renders the sample report with its title, every section and numbered pages', async () => {
    const bytes = await renderAuditPdf(report, { rules });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const doc = await pdfTextOf(bytes);
    expect(doc.pages.length).toBeGreaterThanOrEqual(2);
    expect(doc.pages.length).toBeLessThanOrEqual(4);
    expect(doc.title).toBe('Chronic care management audit, 2026-10 to 2026-10');
    const text = flat(doc);
    expect(doc.pages[0]).toMatch(/^Chronic care management audit\n/);
    for (const heading of HEADINGS) expect(doc.pages.join('\n')).toContain(`\n${heading}\n`);
    expect(text).not.toContain('Overpayment estimate');
    expect(text).toContain(
      'ADDON-INCREMENT-INCOMPLETE error · 1 finding Add-on units exceed the full increments of countable time. ' +
        'Corrective action: Correct the claim to the supported add-on units and refund any excess.',
    );
    doc.pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${doc.pages.length}`));
  });

  it("lists a failing month's findings with their evidence, verbatim", async () => {
    const text = flat(await pdfTextOf(await renderAuditPdf(report, { rules })));
    expect(text).toContain('p-1 · 2026-10 · c-md · fail');
    expect(text).toContain(
      'ERROR ADDON-INCREMENT-INCOMPLETE Billed <script>alert("x")</script> units, "quoted", with, commas',
    );
    expect(text).toContain('entryIds: ["t-1","t-2"] note: a "b", c');
    expect(text).toContain('revision: {"n":2,"on":"2026-09-30"}');
  });

  it('shows a sampled audit: the sample as drawn, the estimate and its below-zero lower limit', async () => {
    const doc = await pdfTextOf(await renderAuditPdf(sampledReport, { rules }));
    expect(doc.pages.length).toBeGreaterThanOrEqual(2);
    expect(doc.pages.length).toBeLessThanOrEqual(5);
    const lines = doc.pages.join('\n');
    expect(lines).toContain('\nSample\n');
    expect(lines).toContain('\nOverpayment estimate\n');
    const text = flat(doc);
    expect(text).toContain('Seed: 20261101');
    expect(text).toContain('Frame: 1,200 billed patient-months, $79,356.00 billed');
    expect(text).toContain('1177 3 Practitioner c-np p-1177 2026-10 c-np pass');
    expect(text).toContain('Two-sided 90% confidence intervals');
    expect(text).toContain(
      'Overpayment $28,217.60 -$2,657.20 $59,092.40 $15,890.25 $30,874.80 6 1.943',
    );
    expect(text).toContain("Note: The overpayment's lower limit (-$2,657.20) is below zero");
    expect(text).toContain('3 of the 8 sampled months have an error finding (37.5%)');
  });

  it('gives the same bytes for the same report, whenever it is rendered', async () => {
    const a = await renderAuditPdf(sampledReport);
    // Only Date is faked: the clock must not reach the document (its dates, its file id).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    const b = await renderAuditPdf(sampledReport).finally(() => vi.useRealTimers());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(new TextDecoder('latin1').decode(a)).toContain('(D:20261101000000Z)');
  });

  it('writes characters the PDF fonts lack as "?" instead of other glyphs', async () => {
    const odd: AuditReport = auditReportSchema.parse({
      ...structuredClone(report),
      practice: { ...report.practice, id: 'prá-✓' },
    });
    const text = flat(await pdfTextOf(await renderAuditPdf(odd, { rules })));
    expect(text).toContain('Practice prá-? (office');
  });
});
