import type { MonthErrorRate } from './audit-figures.js';
import { FAIL, FONT, LINE, MUTED, type PdfWriter } from './pdf-writer.js';
import { percent } from './report-format.js';

// The error rate by month as vector bars (one per calendar month, its height the share of
// audited months with an error finding), with gridlines at 0, 50 and 100%. The figures
// themselves follow in a table, so the chart never has to be read to the pixel.

const PLOT_HEIGHT = 110;
const AXIS = 34;
const LABELS = 24;

export function drawErrorRateChart(w: PdfWriter, rates: readonly MonthErrorRate[]): void {
  const doc = w.doc;
  w.keep(PLOT_HEIGHT + LABELS + 16);
  const top = doc.y + 6;
  const left = w.left + AXIS;
  const plotWidth = w.width - AXIS;
  const slot = plotWidth / rates.length;
  const bar = Math.min(slot * 0.6, 36);
  const base = top + PLOT_HEIGHT;

  doc.font(FONT).fontSize(7).fillColor(MUTED);
  for (const g of [0, 0.5, 1]) {
    const y = base - g * PLOT_HEIGHT;
    doc
      .moveTo(left, y)
      .lineTo(left + plotWidth, y)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    doc.fillColor(MUTED).text(percent(g), w.left, y - 3, {
      width: AXIS - 4,
      align: 'right',
      lineBreak: false,
    });
  }
  // A label under every bar while they fit, else under every n-th (the table has them all).
  const every = Math.max(1, Math.ceil(34 / slot));
  rates.forEach((r, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    const h = r.share * PLOT_HEIGHT;
    if (h > 0) doc.rect(x, base - h, bar, h).fill(FAIL);
    if (i % every === 0)
      doc.fillColor(MUTED).text(r.month, x + bar / 2 - 20, base + 4, {
        width: 40,
        align: 'center',
        lineBreak: false,
      });
  });
  doc.x = w.left;
  doc.y = base + LABELS;
}
