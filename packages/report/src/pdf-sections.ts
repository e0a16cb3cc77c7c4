import type { AuditedMonth, AuditReport, Estimate, Sampling } from '@chronicle/rules';
import type { PractitionerFigures, RuleFigures } from './audit-figures.js';
import { pdfText } from './pdf-text.js';
import { BOLD, FAIL, FONT, INK, MONO, MUTED, type PdfWriter } from './pdf-writer.js';
import { decimal, money, percent } from './report-format.js';
import {
  confidenceSentence,
  ESTIMATE_COLUMNS,
  errorRateSentence,
  estimateRows,
  lowerLimitNote,
  redrawSentence,
  samplingFacts,
  strataLabels,
} from './sample-text.js';

// The PDF's sections but the title, summary and evidence: the same figures and words as the
// HTML sections of the same names (both take them from audit-figures and sample-text).

export function writeRules(w: PdfWriter, rules: readonly RuleFigures[]): void {
  if (rules.length === 0) return w.paragraph('No findings.');
  const doc = w.doc;
  for (const r of rules) {
    w.keep(70);
    doc.moveDown(0.2);
    doc
      .font(BOLD)
      .fontSize(10)
      .fillColor(INK)
      .text(pdfText(r.id), w.left, doc.y, { width: w.width, continued: true })
      .font(FONT)
      .fillColor(MUTED)
      .text(`  ${r.severities.join(', ')} · ${r.findings} finding${r.findings === 1 ? '' : 's'}`);
    if (r.rule === undefined) {
      w.paragraph(
        "Not in the rule list this report was rendered with: see the findings' messages and sources.",
        { color: MUTED, size: 9 },
      );
      continue;
    }
    w.paragraph(r.rule.description, { size: 9 });
    if (r.rule.correctiveAction)
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(FAIL)
        .text('Corrective action: ', w.left, doc.y, { width: w.width, continued: true })
        .font(FONT)
        .fillColor(INK)
        .text(pdfText(r.rule.correctiveAction));
    for (const source of r.rule.sources) {
      const link = /^https?:\/\//.test(source) ? source : null;
      doc
        .font(FONT)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(pdfText(`Source: ${source}`), w.left, doc.y + 1, { width: w.width, link });
    }
    doc.moveDown(0.4);
  }
}

export function writePractitioners(w: PdfWriter, rows: readonly PractitionerFigures[]): void {
  if (rows.length === 0) return w.paragraph('No billed months.');
  w.table(
    [
      { header: 'Practitioner', width: 3 },
      { header: 'Months', width: 1.2, align: 'right' },
      { header: 'With errors', width: 1.2, align: 'right' },
      { header: 'With warnings', width: 1.4, align: 'right' },
      { header: 'Error findings', width: 1.4, align: 'right' },
      { header: 'Warning findings', width: 1.6, align: 'right' },
      { header: 'At risk', width: 1.6, align: 'right' },
    ],
    rows.map((g) => [
      g.practitionerId ?? '(none)',
      String(g.months),
      String(g.monthsWithErrors),
      String(g.monthsWithWarnings),
      String(g.errorFindings),
      String(g.warningFindings),
      money(g.amountAtRisk),
    ]),
  );
}

export function writeSample(w: PdfWriter, report: AuditReport, s: Sampling): void {
  w.facts(samplingFacts(s));
  w.paragraph(redrawSentence(report, s));
  w.subheading('Strata');
  w.table(
    [
      { header: 'Stratum', width: 2 },
      { header: 'Label', width: 3 },
      { header: 'Frame months', width: 1.5, align: 'right' },
      { header: 'Frame billed', width: 2, align: 'right' },
      { header: 'Sampled', width: 1.2, align: 'right' },
    ],
    s.strata.map((t) => [
      t.id,
      t.label,
      decimal(t.frameSize, 0),
      money(t.frameAmount),
      String(t.sampleSize),
    ]),
  );
  w.subheading('Selection');
  const key = (m: Pick<AuditedMonth, 'patientId' | 'month' | 'billingPractitionerId'>) =>
    JSON.stringify([m.patientId, m.month, m.billingPractitionerId]);
  const stratum = strataLabels(s);
  const verdicts = new Map(report.months.map((m) => [key(m), m.verdict]));
  w.table(
    [
      { header: 'Frame position', width: 1.5, align: 'right' },
      { header: 'Drawn', width: 1, align: 'right' },
      { header: 'Stratum', width: 2.2 },
      { header: 'Patient', width: 2 },
      { header: 'Month', width: 1.2 },
      { header: 'Practitioner', width: 1.6 },
      { header: 'Verdict', width: 1.2 },
    ],
    s.selection.map((u) => [
      String(u.position),
      String(u.drawn),
      stratum(u.stratum),
      u.patientId,
      u.month,
      u.billingPractitionerId ?? '',
      verdicts.get(key(u)) ?? 'not audited',
    ]),
  );
}

export function writeEstimate(w: PdfWriter, e: Estimate): void {
  w.paragraph(confidenceSentence(e));
  w.table(
    ESTIMATE_COLUMNS.map((header, i) => ({
      header,
      width: i === 0 ? 2 : i >= 6 ? 0.7 : 1.5,
      ...(i > 0 ? { align: 'right' as const } : {}),
    })),
    estimateRows(e),
  );
  w.paragraph(errorRateSentence(e));
  const note = lowerLimitNote(e);
  if (note) w.paragraph(`Note: ${note}`, { color: FAIL });
  w.paragraph(`Method: ${e.method}`, { color: MUTED, size: 8.5 });
}

export function writeErrorRateTable(
  w: PdfWriter,
  rates: ReadonlyArray<{ month: string; audited: number; withErrors: number; share: number }>,
): void {
  w.table(
    [
      { header: 'Month', width: 2 },
      { header: 'Months audited', width: 2, align: 'right' },
      { header: 'With errors', width: 2, align: 'right' },
      { header: 'Error rate', width: 2, align: 'right' },
    ],
    rates.map((r) => [r.month, String(r.audited), String(r.withErrors), percent(r.share)]),
  );
}

export function writePolicy(w: PdfWriter, report: AuditReport): void {
  w.paragraph(`Rules version ${report.rulesVersion}, with these policy options:`);
  w.paragraph(JSON.stringify(report.policy, null, 2), { font: MONO, size: 8 });
}
