import PDFDocument from 'pdfkit';
import type { AuditReport } from '@chronicle/rules';
import {
  errorRateByMonth,
  findingsByPractitioner,
  findingsByRule,
  type AuditRenderOptions,
} from './audit-figures.js';
import { drawErrorRateChart } from './pdf-error-chart.js';
import { writeMonthEvidence } from './pdf-evidence.js';
import { writePluginSections } from './pdf-plugin-sections.js';
import {
  writeErrorRateTable,
  writeEstimate,
  writePolicy,
  writePractitioners,
  writeRules,
  writeSample,
} from './pdf-sections.js';
import { pdfText } from './pdf-text.js';
import { BOLD, FONT, INK, MUTED, PdfWriter } from './pdf-writer.js';
import { money } from './report-format.js';

// The audit report as a PDF for filing or sending: the HTML report's content, but that
// the list of every audited month is left to the HTML, CSV and JSON (a large audit would
// make it thousands of pages); months with findings are all there, with their evidence.
// Pages are numbered "Page N of M", so they are held until the end (bufferPages); the
// document's dates come from the report, so the same report gives the same bytes.

const MARGIN = 54;
const FOOTER = 30;

export async function renderAuditPdf(
  report: AuditReport,
  options: AuditRenderOptions = {},
): Promise<Uint8Array> {
  const title = `Chronic care management audit, ${report.period.from ?? '-'} to ${report.period.to ?? '-'}`;
  const date = documentDate(report);
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + 12 },
    bufferPages: true,
    lang: 'en-US',
    displayTitle: true,
    font: FONT,
    info: {
      Title: title,
      Subject: `CCM billing audit of practice ${report.practice.id}`,
      Creator: 'Chronicle',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  compactFinishedPages(doc);
  const w = new PdfWriter(doc);
  writeHead(w, report);
  if (report.sampling) {
    w.section('Sample');
    writeSample(w, report, report.sampling);
  }
  if (report.estimate) {
    w.section('Overpayment estimate');
    writeEstimate(w, report.estimate);
  }
  w.section('Error rate by month');
  const rates = errorRateByMonth(report.months);
  if (rates.length === 0) w.paragraph('No billed months.');
  else {
    w.paragraph('Share of audited months with at least one error finding, by calendar month.', {
      color: MUTED,
      size: 8.5,
    });
    drawErrorRateChart(w, rates);
    writeErrorRateTable(w, rates);
  }
  w.section('Findings by rule');
  writeRules(w, findingsByRule(report, options.rules));
  writePluginSections(w, options.sections);
  w.section('Findings by billing practitioner');
  writePractitioners(w, findingsByPractitioner(report.months));
  w.section('Findings and evidence');
  let flagged = 0;
  for (const m of report.months) {
    if (m.findings.length === 0) continue;
    flagged += 1;
    writeMonthEvidence(w, m);
  }
  if (flagged === 0) w.paragraph('No findings.');
  w.section('Rules version and policy options');
  writePolicy(w, report);
  numberPages(w, report);
  doc.end();
  await finished;
  return concatBytes(chunks);
}

/**
 * Joins each finished page's content into one buffer when the next page starts. pdfkit
 * keeps a buffered page's content as one small array per drawing operation until the
 * document ends; joined, a 100,000-month report's pages take a fraction of the memory.
 * This reaches into pdfkit's page object: if a later pdfkit changes it, the guard skips
 * the compaction and only the memory saving is lost.
 */
function compactFinishedPages(doc: InstanceType<typeof PDFDocument>): void {
  let previous: unknown = doc.page;
  doc.on('pageAdded', () => {
    const content = (previous as { content?: { buffer?: unknown } } | undefined)?.content;
    if (content && Array.isArray(content.buffer) && content.buffer.length > 1)
      content.buffer = [concatBytes(content.buffer as Uint8Array[])];
    previous = doc.page;
  });
}

/** The chunks as one plain Uint8Array (not a Buffer: the caller asked for bytes). */
function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function writeHead(w: PdfWriter, report: AuditReport): void {
  const s = report.summary;
  const doc = w.doc;
  doc.font(BOLD).fontSize(20).fillColor(INK).text('Chronic care management audit', w.left);
  w.paragraph(
    `Practice ${report.practice.id} (${report.practice.setting}, ${report.practice.timezone}) · ` +
      `months ${report.period.from ?? '-'} to ${report.period.to ?? '-'} · rules ${report.rulesVersion}` +
      (report.sampling ? ' · sampled audit' : ''),
    { color: MUTED },
  );
  w.section('Summary');
  w.facts([
    ['Months audited', String(s.monthsAudited)],
    ['Passed', String(s.monthsPassed)],
    ['With warnings', String(s.monthsWithWarnings)],
    ['With errors', String(s.monthsWithErrors)],
    ['Billed', money(s.billedAmount)],
    ['At risk', money(s.amountAtRisk)],
  ]);
  w.paragraph(
    `Amounts: ${report.feeSchedule}, national, before the geographic adjustment.` +
      (s.unpricedLines > 0
        ? ` ${s.unpricedLines} line(s) have no confirmed amount and count as $0.`
        : '') +
      (report.sampling
        ? ` These figures are over the ${report.sampling.sampleSize} sampled months; the estimate extrapolates them to the frame.`
        : '') +
      ' This PDF lists every month with a finding; the HTML, CSV and JSON reports list every audited month.',
    { color: MUTED, size: 8.5 },
  );
}

function numberPages(w: PdfWriter, report: AuditReport): void {
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  const label = pdfText(
    `CCM audit · practice ${report.practice.id} · ${report.period.from ?? '-'} to ${report.period.to ?? '-'}`,
  );
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - FOOTER;
    doc.font(FONT).fontSize(7.5).fillColor(MUTED);
    doc.text(label, w.left, y, { width: w.width / 2, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, w.left + w.width / 2, y, {
      width: w.width / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** The first day after the audited period (UTC), or 2000-01-01 when it has no end. */
function documentDate(report: AuditReport): Date {
  const to = report.period.to;
  if (to === null) return new Date(Date.UTC(2000, 0, 1));
  const [year, month] = to.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1));
}
