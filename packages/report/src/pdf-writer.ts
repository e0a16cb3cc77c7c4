import type PDFDocument from 'pdfkit';
import { pdfText } from './pdf-text.js';

// Layout helpers over a pdfkit document: headings that are not left alone at the foot of
// a page, paragraphs, label/value lists and tables whose header row repeats on every page
// they run onto. All text goes through pdfText (see there). pdfkit breaks pages itself when
// text runs past the bottom margin; the helpers only keep small blocks together.

type Doc = InstanceType<typeof PDFDocument>;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const MONO = 'Courier';
export const INK = '#101828';
export const MUTED = '#475467';
export const LINE = '#d0d5dd';
export const FAIL = '#b42318';

export interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: 'left' | 'right';
}

export class PdfWriter {
  constructor(readonly doc: Doc) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  /** A section heading, with a bookmark in the PDF's outline. */
  section(title: string): void {
    this.keep(80);
    this.doc.moveDown(0.8);
    this.doc.outline.addItem(title);
    this.doc.font(BOLD).fontSize(14).fillColor(INK).text(pdfText(title), this.left);
    const y = this.doc.y + 1;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    this.doc.moveDown(0.4);
  }

  subheading(title: string): void {
    this.keep(48);
    this.doc.moveDown(0.4);
    this.doc.font(BOLD).fontSize(11).fillColor(INK).text(pdfText(title), this.left);
    this.doc.moveDown(0.2);
  }

  paragraph(
    text: string,
    style: { size?: number; color?: string; font?: string; indent?: number } = {},
  ): void {
    const indent = style.indent ?? 0;
    this.doc
      .font(style.font ?? FONT)
      .fontSize(style.size ?? 9.5)
      .fillColor(style.color ?? INK)
      .text(pdfText(text), this.left + indent, this.doc.y, { width: this.width - indent });
    this.doc.moveDown(0.3);
  }

  /** "Label: value" lines, the label in bold. */
  facts(pairs: ReadonlyArray<readonly [string, string]>, size = 9.5): void {
    for (const [label, value] of pairs) {
      this.doc
        .font(BOLD)
        .fontSize(size)
        .fillColor(INK)
        .text(`${pdfText(label)}: `, this.left, this.doc.y, { width: this.width, continued: true })
        .font(FONT)
        .text(pdfText(value));
    }
    this.doc.moveDown(0.3);
  }

  table(columns: readonly Column[], rows: readonly (readonly string[])[], size = 8.5): void {
    const doc = this.doc;
    const total = columns.reduce((n, c) => n + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const drawRow = (cells: readonly string[], font: string, shade: boolean) => {
      doc.font(font).fontSize(size);
      const texts = cells.map(pdfText);
      const height =
        Math.max(
          ...texts.map((t, i) => doc.heightOfString(t, { width: (widths[i] as number) - 2 * pad })),
        ) +
        2 * pad;
      if (doc.y + height > doc.page.maxY()) {
        doc.addPage();
        if (!shade)
          drawRow(
            columns.map((c) => c.header),
            BOLD,
            true,
          );
        doc.font(font).fontSize(size);
      }
      const top = doc.y;
      if (shade) doc.rect(this.left, top, this.width, height).fill('#f2f4f7');
      let x = this.left;
      texts.forEach((t, i) => {
        const w = widths[i] as number;
        doc
          .fillColor(INK)
          .text(t, x + pad, top + pad, { width: w - 2 * pad, align: columns[i]?.align ?? 'left' });
        x += w;
      });
      doc
        .moveTo(this.left, top + height)
        .lineTo(this.left + this.width, top + height)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      doc.x = this.left;
      doc.y = top + height;
    };
    this.keep(40);
    drawRow(
      columns.map((c) => c.header),
      BOLD,
      true,
    );
    for (const row of rows) drawRow(row, FONT, false);
    doc.moveDown(0.5);
  }
}
