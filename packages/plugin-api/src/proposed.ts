// The proposed API: parts that may still change. A plugin must list each proposal it uses
// in its manifest's `enabledApiProposals` (as a VS Code extension does); calling a
// proposed method without it is refused with a problem. Import the types from
// `@chronicle/plugin-api/proposed` and declare `activate(context: ProposedPluginContext)`.
import type { Patient, Practice } from '@chronicle/dataset';
import type { AuditReport } from '@chronicle/rules';
import type { PluginContext } from './context.js';
import type { Disposable } from './disposable.js';
import type { JsonValue } from './json.js';
import type { SafeHtml } from './safe-html.js';

export { API_PROPOSALS, type ApiProposal } from './manifest/contribution-points.js';

/** One row of a report section's table: column name to cell. */
export type ReportRow = Readonly<Record<string, string | number | null>>;

/** What a report section shows: HTML built with `html`, a table, or both. */
export interface ReportSectionContent {
  /** Replaces the title declared in the manifest for this report. */
  title?: string;
  /** Built with the `html` tag of `@chronicle/plugin-api`; any other string is refused. */
  html?: SafeHtml;
  /** A table: every row should have the same columns, in the same order. */
  rows?: readonly ReportRow[];
}

/** A section of the audit report (proposal `reportSections`). */
export interface ReportSection {
  /** The id declared in `contributes.reportSections`. */
  id: string;
  /** Computes the section from the finished report; it must not change the report. */
  render(report: AuditReport): ReportSectionContent;
}

/** What a patient panel is computed from. */
export interface PatientPanelInput {
  location: 'patient';
  /** The patient's practice (its time zone, setting and capabilities). */
  practice: Practice;
  /** The patient's whole record, in the dataset's shape. */
  patient: Patient;
}

/** What an audit-run panel is computed from. */
export interface AuditRunPanelInput {
  location: 'audit-run';
  /** The run's canonical report. */
  report: AuditReport;
}

/** What `ConsolePanel.data` is given, by the panel's location. */
export type ConsolePanelInput = PatientPanelInput | AuditRunPanelInput;

/**
 * A panel of the console (proposal `consolePanels`). Its data is computed on the server
 * and sent as JSON; the console renders it. No plugin code runs in the browser.
 */
export interface ConsolePanel {
  /** The id declared in `contributes.consolePanels` (which also gives title and location). */
  id: string;
  /** The panel's data for one patient or one audit run: plain JSON. */
  data(input: ConsolePanelInput): JsonValue | Promise<JsonValue>;
}

/** The context with the proposed methods; the host gives every plugin this object. */
export interface ProposedPluginContext extends PluginContext {
  /** Adds a section to audit reports. Needs `enabledApiProposals: ["reportSections"]`. */
  registerReportSection(section: ReportSection): Disposable;
  /** Adds a panel to the console. Needs `enabledApiProposals: ["consolePanels"]`. */
  registerConsolePanel(panel: ConsolePanel): Disposable;
}
export type {
  ConsolePanelContribution,
  ReportSectionContribution,
} from './manifest/contribution-points.js';
