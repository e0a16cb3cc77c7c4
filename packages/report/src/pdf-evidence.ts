import type { AuditedMonth, Finding } from '@chronicle/rules';
import { pdfText } from './pdf-text.js';
import { BOLD, FAIL, FONT, INK, MONO, MUTED, type PdfWriter } from './pdf-writer.js';
import { codesLabel, evidenceText, money } from './report-format.js';

// "Findings and evidence": every month with a finding, each finding with its message, the
// evidence that made it fire and its sources. This is the long part of a large audit
// (tens of thousands of months), so it writes each month in a handful of text runs, in one
// pass, and lets pdfkit break the pages.

const VERDICT_COLOURS: Record<AuditedMonth['verdict'], string> = {
  fail: FAIL,
  warn: '#b54708',
  pass: '#067647',
};

export function writeMonthEvidence(w: PdfWriter, m: AuditedMonth): void {
  const doc = w.doc;
  w.keep(60);
  doc.moveDown(0.4);
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(
      pdfText(`${m.patientId} · ${m.month} · ${m.billingPractitionerId ?? 'no practitioner'} · `),
      w.left,
      doc.y,
      { width: w.width, continued: true },
    )
    .fillColor(VERDICT_COLOURS[m.verdict])
    .text(m.verdict);
  w.paragraph(
    `Claims ${m.claimIds.join(', ') || 'none'} · codes ${codesLabel(m.codes) || 'not billed'} · ` +
      `countable minutes: ${m.countableMinutes.clinicalStaff} clinical staff, ` +
      `${m.countableMinutes.practitioner} practitioner · billed ${money(m.billedAmount)}, ` +
      `at risk ${money(m.amountAtRisk)}`,
    { size: 8.5, color: MUTED },
  );
  for (const f of m.findings) writeFinding(w, f);
}

function writeFinding(w: PdfWriter, f: Finding): void {
  const doc = w.doc;
  const indent = 12;
  doc
    .font(BOLD)
    .fontSize(9)
    .fillColor(f.severity === 'error' ? FAIL : f.severity === 'warning' ? '#b54708' : '#175cd3')
    .text(`${f.severity.toUpperCase()} `, w.left + indent, doc.y, {
      width: w.width - indent,
      continued: true,
    })
    .fillColor(INK)
    .text(`${pdfText(f.ruleId)}  `, { continued: true })
    .font(FONT)
    .text(pdfText(f.message));
  const evidence = Object.entries(f.evidence)
    .map(([k, v]) => `${k}: ${evidenceText(v)}`)
    .join('\n');
  if (evidence !== '')
    doc
      .font(MONO)
      .fontSize(7.5)
      .fillColor(INK)
      .text(pdfText(evidence), w.left + 2 * indent, doc.y + 1, { width: w.width - 2 * indent });
  if (f.sources.length > 0)
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(pdfText(`Sources: ${f.sources.join(', ')}`), w.left + 2 * indent, doc.y + 1, {
        width: w.width - 2 * indent,
      });
  doc.moveDown(0.3);
}
