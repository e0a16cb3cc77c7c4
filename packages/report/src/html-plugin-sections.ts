import { html, Html } from './html-escape.js';
import {
  cellText,
  numericColumn,
  sectionColumns,
  type PluginReportSection,
  type PluginSectionRow,
} from './plugin-sections.js';
import { markupProblem } from './section-markup.js';

// Plugin sections in the HTML report: each its own <section> after "Findings by rule",
// saying which plugin it comes from. A section whose markup the report refuses, or that
// the host could not render, shows why in its place; the rest of the report is unchanged.

/** The sections, each starting on a new line; nothing at all when there are none. */
export function pluginSectionsHtml(sections: readonly PluginReportSection[] = []): Html {
  // Joined by hand, not in a template: the formatter would reflow a template's white space.
  return new Html(sections.map((s, i) => `\n        ${sectionHtml(s, i).text}`).join(''));
}

function sectionHtml(section: PluginReportSection, index: number): Html {
  // Numbered as well as named: two plugins may use the same section id.
  const id = `plugin-${index + 1}-${section.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const refused = section.html === undefined ? undefined : markupProblem(section.html);
  const error =
    section.error ?? (refused === undefined ? undefined : `its markup was left out: ${refused}`);
  return html`<section aria-labelledby="${id}" class="plugin" data-plugin="${section.plugin}">
    <h2 id="${id}">${section.title}</h2>
    <p class="sub">From the plugin ${section.plugin}.</p>
    ${
      error !== undefined
        ? html`<p class="note">This section could not be shown: ${error}</p>`
        : html`${section.html !== undefined ? new Html(section.html) : ''}${
            section.rows !== undefined ? rowsTable(section.rows) : ''
          }`
    }
  </section>`;
}

function rowsTable(rows: readonly PluginSectionRow[]): Html {
  if (rows.length === 0) return html`<p>Nothing to show.</p>`;
  const columns = sectionColumns(rows).map((name) => ({
    name,
    num: numericColumn(rows, name),
  }));
  return html`<table>
    <thead>
      <tr>
        ${columns.map((c) =>
          c.num
            ? html`<th scope="col" class="num">${c.name}</th>`
            : html`<th scope="col">${c.name}</th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${columns.map((c) =>
              c.num
                ? html`<td class="num">${cellText(row[c.name])}</td>`
                : html`<td>${cellText(row[c.name])}</td>`,
            )}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
