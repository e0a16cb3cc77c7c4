import {
  cellText,
  numericColumn,
  sectionColumns,
  type PluginReportSection,
} from './plugin-sections.js';
import { FAIL, MUTED, type PdfWriter } from './pdf-writer.js';
import { markupLines, markupProblem } from './section-markup.js';

// Plugin sections in the PDF, after "Findings by rule": the HTML as lines of text (a PDF
// has no markup), the rows as a table, and a section that cannot be shown as the reason.

export function writePluginSections(
  w: PdfWriter,
  sections: readonly PluginReportSection[] = [],
): void {
  for (const section of sections) {
    w.section(section.title);
    w.paragraph(`From the plugin ${section.plugin}.`, { color: MUTED, size: 8.5 });
    const refused = section.html === undefined ? undefined : markupProblem(section.html);
    const error =
      section.error ?? (refused === undefined ? undefined : `its markup was left out: ${refused}`);
    if (error !== undefined) {
      w.paragraph(`This section could not be shown: ${error}`, { color: FAIL });
      continue;
    }
    if (section.html !== undefined) for (const line of markupLines(section.html)) w.paragraph(line);
    if (section.rows === undefined) continue;
    if (section.rows.length === 0) {
      w.paragraph('Nothing to show.');
      continue;
    }
    const rows = section.rows;
    const columns = sectionColumns(rows);
    w.table(
      // Text columns get the room: numbers are short.
      columns.map((header) =>
        numericColumn(rows, header)
          ? { header, width: 1, align: 'right' as const }
          : { header, width: 2.5 },
      ),
      rows.map((row) => columns.map((c) => cellText(row[c]))),
    );
  }
}
