// Sections that plugins add to an audit report (the proposed `reportSections` API), as the
// plugin host hands them over: `host.renderReportSections(report)` of
// @chronicle/plugin-api/host. The renderers take them as plain data, so that this package
// needs no plugin code; both put them right after "Findings by rule".

/** One row of a section's table: column name to cell. */
export type PluginSectionRow = Readonly<Record<string, string | number | null>>;

/** A plugin's report section, rendered for one report. */
export interface PluginReportSection {
  /** The plugin that contributes it. */
  plugin: string;
  /** The section's id, unique within its plugin. */
  id: string;
  title: string;
  /**
   * Markup the host accepted only from the `html` tag of @chronicle/plugin-api (every value
   * put into it escaped). The report also refuses any tag outside a short list of plain
   * structural ones (see section-markup.ts): no scripts, styles, images or links.
   */
  html?: string;
  /** A table; its columns are the keys of the rows, in the order first seen. */
  rows?: readonly PluginSectionRow[];
  /** Why the section could not be rendered; shown in its place. */
  error?: string;
}

/** The columns of a section's table: every key of its rows, in the order first seen. */
export function sectionColumns(rows: readonly PluginSectionRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** True when every filled cell of a column is a number: it is then aligned right. */
export function numericColumn(rows: readonly PluginSectionRow[], column: string): boolean {
  let any = false;
  for (const row of rows) {
    const cell = row[column];
    if (cell === null || cell === undefined) continue;
    if (typeof cell !== 'number') return false;
    any = true;
  }
  return any;
}

/** A cell as text: numbers as written, null as nothing. */
export function cellText(cell: string | number | null | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell);
}
