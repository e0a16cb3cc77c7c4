import type { AuditReport, Rule } from '@chronicle/rules';
import type { PluginModule } from '../context.js';
import type { JsonValue } from '../json.js';
import type { ActivationEvent } from '../manifest/activation-events.js';
import { CONTRIBUTION_POINT_NAMES, type Contributions } from '../manifest/contribution-points.js';
import { errorMessage, type PluginProblem } from '../problems.js';
import type { ConsolePanelInput, ReportRow } from '../proposed.js';
import { acceptPlugin, versionOf } from './accept-plugin.js';
import { readCodeSetFiles } from './code-set-files.js';
import { createPluginContext } from './plugin-context.js';
import { Registries, type PluginRecord, type PluginState } from './plugin-record.js';
import type { PluginSource } from './plugin-source.js';
import type { Registry } from './registry.js';
import { sectionContent } from './section-content.js';

// The plugin host: validates every manifest up front (refusing bad ones, never the
// others), activates plugins on their events, holds what they register, and undoes it all
// on deactivation. A plugin's failure is recorded as a problem of that plugin; the host
// and the other plugins go on.

export interface PluginHostOptions {
  /** The version `engines.chronicle` ranges are checked against (CHRONICLE_VERSION). */
  chronicleVersion: string;
  /** The plugins, in config order: rules and sections are listed in this order. */
  plugins: readonly PluginSource[];
}

/** One plugin as listed by `chronicle plugins`, the API and the console. */
export interface PluginInfo {
  /** The manifest's id; for a plugin with no valid id, where it was found. */
  id: string;
  /** Null when the manifest gives no valid version. */
  version: string | null;
  /** The manifest's displayName, or null. */
  displayName: string | null;
  /** The manifest's description, or null. */
  description: string | null;
  /** Where it was loaded from. */
  location: string;
  /** inactive, active, refused or failed (see docs/developer/plugins.md). */
  state: PluginState;
  /** Its activation events, declared and implied. */
  activationEvents: string[];
  /** The proposed API parts its manifest opts into. */
  enabledApiProposals: string[];
  /** What its manifest declares (empty when the manifest was refused). */
  contributions: Contributions;
  /** Every problem found so far, errors and warnings, in the order found. */
  problems: PluginProblem[];
}

/** A report section as rendered for one report. */
export interface RenderedReportSection {
  /** The plugin that registered the section. */
  plugin: string;
  /** The section's id. */
  id: string;
  /** The title render gave, else the manifest's. */
  title: string;
  /** Escaped markup (built with the `html` tag). */
  html?: string;
  /** The section's table. */
  rows?: ReportRow[];
  /** Set when the section could not be rendered; the rest is then absent. */
  error?: string;
}

/** A console panel as listed for one console location. */
export interface ConsolePanelInfo {
  /** The plugin that registered the panel. */
  plugin: string;
  /** The panel's id, unique within its plugin. */
  id: string;
  /** The manifest's title. */
  title: string;
  /** The console page it shows on. */
  location: 'patient' | 'audit-run';
}

/** A panel's data, or why there is none. */
export type PanelData = { ok: true; data: JsonValue } | { ok: false; error: string };

/** What the CLI and the server hold: the loaded plugins and everything they registered. */
export interface PluginHost {
  /** Activates every plugin (not yet active) that listens for `event`, in config order. */
  activate(event: ActivationEvent): Promise<void>;
  /** The rules of the active plugins, by plugin order, then registration order. */
  rules(): readonly Rule[];
  /** The registered code sets. */
  codeSets(): Array<{ plugin: string; id: string; system: string; codes: ReadonlySet<string> }>;
  /** The registered policies, with the values in force. */
  policies(): Array<{ plugin: string; id: string; values: Readonly<Record<string, JsonValue>> }>;
  /** Renders every registered report section for a report; a failing one carries `error`. */
  renderReportSections(report: AuditReport): RenderedReportSection[];
  /** The registered console panels of a console location. */
  consolePanels(location: ConsolePanelInfo['location']): ConsolePanelInfo[];
  /** Computes one panel's data; a throw or a value that is not JSON gives `ok: false`. */
  consolePanelData(plugin: string, id: string, input: ConsolePanelInput): Promise<PanelData>;
  /** Activates `onCommand:<id>` and runs the command. Throws when no plugin registered it. */
  executeCommand(id: string, ...args: string[]): Promise<unknown>;
  /** Every plugin with its state and problems, in config order. */
  list(): PluginInfo[];
  /** Deactivates the active plugins (last first): every registration is undone. */
  deactivateAll(): Promise<void>;
}

/**
 * A host for the given plugins. Every manifest is validated (and every engines range
 * checked) here, before any plugin code runs; code is loaded on the first activation
 * event a plugin listens for.
 */
export function createPluginHost(options: PluginHostOptions): PluginHost {
  const registries = new Registries();
  const records: PluginRecord[] = [];
  const byId = new Map<string, PluginRecord>();
  options.plugins.forEach((source, rank) => {
    const record = acceptPlugin(source, rank, options.chronicleVersion, byId);
    records.push(record);
    if (!byId.has(record.id)) byId.set(record.id, record);
  });

  let rulesCache: { version: number; rules: readonly Rule[] } | undefined;

  async function activateOne(record: PluginRecord): Promise<void> {
    const manifest = record.manifest;
    if (!manifest) return;
    try {
      record.module ??= moduleOf(await record.source.load());
    } catch (error) {
      record.state = 'failed';
      record.problems.error('main', `could not load ${manifest.main}: ${errorMessage(error)}`);
      return;
    }
    if (typeof record.module.activate !== 'function') {
      record.state = 'failed';
      record.problems.error('main', `${manifest.main} exports no activate function`);
      return;
    }
    await readCodeSetFiles(record);
    record.live = true;
    record.subscriptions.length = 0;
    const context = createPluginContext(record, registries);
    try {
      await record.module.activate(context);
    } catch (error) {
      record.problems.error('activate', `activate threw: ${errorMessage(error)}`);
      await undo(record, 'failed');
      return;
    }
    record.state = 'active';
    warnUnregistered(record);
  }

  /** Disposes a plugin's subscriptions (last first) and clears what might remain. */
  async function undo(record: PluginRecord, state: PluginState): Promise<void> {
    record.live = false;
    for (const subscription of record.subscriptions.splice(0).reverse()) {
      try {
        subscription.dispose();
      } catch (error) {
        record.problems.warn(
          'deactivate',
          `a subscription threw on dispose: ${errorMessage(error)}`,
        );
      }
    }
    for (const registry of registries.all()) registry.removePlugin(record.id);
    record.state = state;
  }

  function warnUnregistered(record: PluginRecord): void {
    const contributes = (record.manifest as NonNullable<PluginRecord['manifest']>).contributes;
    for (const point of CONTRIBUTION_POINT_NAMES) {
      for (const { id } of contributes[point] ?? []) {
        // The registries are named after the points.
        const entry = (registries[point] as Registry<unknown>).get(record.id, id);
        if (entry?.plugin !== record.id)
          record.problems.warn(
            `contributes.${point}`,
            `"${id}" is declared, but activate did not register it`,
          );
      }
    }
  }

  const host: PluginHost = {
    async activate(event) {
      for (const record of records) {
        if (record.state !== 'inactive' || !record.events.includes(event)) continue;
        record.activation ??= activateOne(record).finally(() => {
          record.activation = undefined;
        });
        await record.activation;
      }
    },

    rules() {
      const version = registries.rules.version;
      if (rulesCache?.version !== version)
        rulesCache = {
          version,
          rules: Object.freeze(registries.rules.list().map((e) => e.value)),
        };
      return rulesCache.rules;
    },

    codeSets() {
      return registries.codeSets.list().map((e) => ({
        plugin: e.plugin,
        id: e.id,
        system: e.value.system,
        codes: e.value.codes,
      }));
    },

    policies() {
      return registries.policies
        .list()
        .map((e) => ({ plugin: e.plugin, id: e.id, values: e.value.values }));
    },

    renderReportSections(report) {
      return registries.reportSections.list().map((entry) => {
        const record = byId.get(entry.plugin) as PluginRecord;
        const declared = record.manifest?.contributes.reportSections?.find(
          (s) => s.id === entry.id,
        );
        const base = { plugin: entry.plugin, id: entry.id, title: declared?.title ?? entry.id };
        try {
          return { ...base, ...sectionContent(entry.value.render(report)) };
        } catch (error) {
          const message = `report section "${entry.id}" could not be rendered: ${errorMessage(error)}`;
          noteOnce(record, message);
          return { ...base, error: message };
        }
      });
    },

    consolePanels(location) {
      return registries.consolePanels.list().flatMap((entry) => {
        const declared = byId
          .get(entry.plugin)
          ?.manifest?.contributes.consolePanels?.find((p) => p.id === entry.id);
        return declared && declared.location === location
          ? [{ plugin: entry.plugin, id: entry.id, title: declared.title, location }]
          : [];
      });
    },

    async consolePanelData(plugin, id, input) {
      const entry = registries.consolePanels.get(plugin, id);
      if (!entry) return { ok: false, error: `no console panel "${id}" of plugin ${plugin}` };
      try {
        const data = await entry.value.data(input);
        const json = JSON.stringify(data);
        if (json === undefined) throw new Error('the data is not JSON');
        return { ok: true, data: JSON.parse(json) as JsonValue };
      } catch (error) {
        const message = `console panel "${id}" could not compute its data: ${errorMessage(error)}`;
        noteOnce(byId.get(plugin) as PluginRecord, message);
        return { ok: false, error: message };
      }
    },

    async executeCommand(id, ...args) {
      await host.activate(`onCommand:${id}`);
      const entry = registries.commands.get('', id);
      if (!entry) throw new Error(`no plugin registers the command "${id}"`);
      return entry.value(...args);
    },

    list() {
      // Copies: a listing must not let its reader change a manifest.
      return records.map((record) => ({
        id: record.id,
        version: record.manifest?.version ?? versionOf(record.source.manifest),
        displayName: record.manifest?.displayName ?? null,
        description: record.manifest?.description ?? null,
        location: record.source.location,
        state: record.state,
        activationEvents: [...record.events],
        enabledApiProposals: [...(record.manifest?.enabledApiProposals ?? [])],
        contributions: structuredClone(record.manifest?.contributes ?? {}),
        problems: [...record.problems.problems],
      }));
    },

    async deactivateAll() {
      for (const record of [...records].reverse()) {
        if (record.activation) await record.activation.catch(() => undefined);
        if (record.state !== 'active') continue;
        try {
          await record.module?.deactivate?.();
        } catch (error) {
          record.problems.warn('deactivate', `deactivate threw: ${errorMessage(error)}`);
        }
        await undo(record, 'inactive');
      }
    },
  };
  return host;
}

/** The module's exports, or its default export's (a CommonJS plugin imported as ESM). */
function moduleOf(loaded: unknown): PluginModule {
  const mod = loaded as Partial<PluginModule> & { default?: Partial<PluginModule> };
  if (typeof mod?.activate === 'function') return mod as PluginModule;
  if (typeof mod?.default?.activate === 'function') return mod.default as PluginModule;
  return (mod ?? {}) as PluginModule;
}

/** Records a runtime problem once, however many reports or panels hit it. */
function noteOnce(record: PluginRecord, message: string): void {
  if (!record.problems.problems.some((p) => p.message === message))
    record.problems.warn('api', message);
}
