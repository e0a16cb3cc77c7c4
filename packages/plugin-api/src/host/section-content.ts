import type { ReportRow } from '../proposed.js';
import { isSafeHtml } from '../safe-html.js';
import type { RenderedReportSection } from './plugin-host.js';

// What a report section's render returned, checked: HTML only from the `html` tag, rows
// of text, numbers and nulls. Anything else is the section's error.

/** The checked content of a section, or a throw saying what is wrong with it. */
export function sectionContent(
  content: unknown,
): Partial<Pick<RenderedReportSection, 'title' | 'html' | 'rows'>> {
  if (typeof content !== 'object' || content === null)
    throw new Error('render must return an object');
  const { title, html, rows } = content as Record<string, unknown>;
  if (title !== undefined && typeof title !== 'string') throw new Error('title must be text');
  if (html !== undefined && !isSafeHtml(html))
    throw new Error('html must be built with the html tag of @chronicle/plugin-api');
  if (
    rows !== undefined &&
    (!Array.isArray(rows) ||
      rows.some(
        (row) =>
          typeof row !== 'object' ||
          row === null ||
          Object.values(row).some(
            (cell) => cell !== null && typeof cell !== 'string' && typeof cell !== 'number',
          ),
      ))
  )
    throw new Error('rows must be objects of text, numbers or null');
  return {
    ...(title !== undefined ? { title } : {}),
    ...(html !== undefined ? { html: html.html } : {}),
    ...(rows !== undefined ? { rows: rows as ReportRow[] } : {}),
  };
}
