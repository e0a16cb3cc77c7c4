import type { Rule } from '@chronicle/rules';
import type { CommandHandler, PolicyValues } from '../context.js';
import { Disposable } from '../disposable.js';
import type { JsonValue } from '../json.js';
import type { ApiProposal, ContributionPointName } from '../manifest/contribution-points.js';
import type { PluginManifest } from '../manifest/validate-manifest.js';
import type { ConsolePanel, ProposedPluginContext, ReportSection } from '../proposed.js';
import type { PluginRecord, Registries } from './plugin-record.js';
import type { Registry } from './registry.js';

// The context one plugin's `activate` is given. Each register call is checked against the
// manifest (declared? proposal enabled? id free?); a refused call records a problem naming
// the plugin and the point and gives back a disposable that does nothing, so the rest of
// the plugin still works. Accepted ones go into the registries and into subscriptions.

export function createPluginContext(
  record: PluginRecord,
  registries: Registries,
): ProposedPluginContext {
  const manifest = record.manifest as PluginManifest;
  const problems = record.problems;
  const subscriptions = record.subscriptions;

  const refuse = (point: ContributionPointName | 'api', message: string): Disposable => {
    problems.error(point === 'api' ? 'api' : `contributes.${point}`, message);
    return Disposable.none();
  };

  /** Refuses a call after deactivation, or of an id the manifest does not declare. */
  const check = (call: string, point: ContributionPointName, id: unknown): string | undefined => {
    if (!record.live) {
      refuse('api', `${call} was called after the plugin was deactivated; it is ignored`);
      return undefined;
    }
    if (typeof id !== 'string') {
      refuse(point, `${call}: the id must be a string`);
      return undefined;
    }
    const declared = (manifest.contributes[point] as Array<{ id: string }> | undefined) ?? [];
    if (!declared.some((d) => d.id === id)) {
      refuse(
        point,
        `${call}("${id}") is refused: contributes.${point} does not declare "${id}"; declare it in the manifest`,
      );
      return undefined;
    }
    return id;
  };

  const proposal = (call: string, name: ApiProposal): boolean => {
    if (manifest.enabledApiProposals.includes(name)) return true;
    refuse(
      'api',
      `${call} is proposed API: add "${name}" to enabledApiProposals in the manifest to use it`,
    );
    return false;
  };

  const add = <T>(registry: Registry<T>, id: string, value: T): Disposable => {
    const disposable = registry.add(record.id, record.rank, id, value);
    subscriptions.push(disposable);
    return disposable;
  };

  const takenBy = <T>(registry: Registry<T>, id: string): string | undefined =>
    registry.get(record.id, id)?.plugin;

  return {
    pluginId: record.id,
    pluginVersion: manifest.version,
    subscriptions,

    registerRule(rule: Rule): Disposable {
      if (!isRule(rule)) return refuse('rules', 'registerRule: not a rule (meta and check)');
      const id = check('registerRule', 'rules', rule.meta.id);
      if (id === undefined) return Disposable.none();
      const owner = takenBy(registries.rules, id);
      if (owner !== undefined)
        return refuse('rules', `registerRule("${id}") is refused: plugin ${owner} has this rule`);
      const declared = manifest.contributes.rules?.find((r) => r.id === id);
      const severity = latestSeverity(rule);
      if (declared && declared.severity !== severity)
        problems.warn(
          'contributes.rules',
          `"${id}" is declared with severity ${declared.severity} but the rule reports ${severity}`,
        );
      // A copy that names the plugin: the engine puts it on a RULE-FAILED finding.
      const tagged: Rule = Object.freeze({
        meta: rule.meta,
        check: rule.check.bind(rule),
        plugin: record.id,
      });
      return add(registries.rules, id, tagged);
    },

    registerCodeSet(codeSet) {
      const id = check('registerCodeSet', 'codeSets', codeSet?.id);
      if (id === undefined) return Disposable.none();
      const declared = (manifest.contributes.codeSets ?? []).find((c) => c.id === id);
      const codes = codeSet.codes ?? declared?.codes ?? record.fileCodes.get(id);
      if (
        codes === undefined ||
        !Array.isArray(codes) ||
        codes.some((c) => typeof c !== 'string' || c === '')
      )
        return refuse(
          'codeSets',
          `registerCodeSet("${id}") is refused: give the codes (a list of non-empty strings) in the call, or as codes or file in the manifest`,
        );
      return add(registries.codeSets, id, {
        system: declared?.system ?? '',
        codes: new Set(codes),
      });
    },

    registerPolicy(policy) {
      const id = check('registerPolicy', 'policies', policy?.id);
      if (id === undefined) return Disposable.none();
      if (!isJsonObject(policy.defaults))
        return refuse(
          'policies',
          `registerPolicy("${id}") is refused: defaults must be an object of JSON values`,
        );
      const values = overlay(id, policy.defaults, record.source.policies?.[id], (message) =>
        problems.warn('contributes.policies', message),
      );
      return add(registries.policies, id, { defaults: policy.defaults, values });
    },

    registerCommand(commandId: string, handler: CommandHandler) {
      const id = check('registerCommand', 'commands', commandId);
      if (id === undefined) return Disposable.none();
      if (typeof handler !== 'function')
        return refuse('commands', `registerCommand("${id}"): the handler must be a function`);
      const owner = takenBy(registries.commands, id);
      if (owner !== undefined)
        return refuse(
          'commands',
          `registerCommand("${id}") is refused: plugin ${owner} has this command`,
        );
      return add(registries.commands, id, handler);
    },

    registerReportSection(section: ReportSection) {
      if (!proposal('registerReportSection', 'reportSections')) return Disposable.none();
      const id = check('registerReportSection', 'reportSections', section?.id);
      if (id === undefined) return Disposable.none();
      if (typeof section.render !== 'function')
        return refuse(
          'reportSections',
          `registerReportSection("${id}"): render must be a function`,
        );
      return add(registries.reportSections, id, section);
    },

    registerConsolePanel(panel: ConsolePanel) {
      if (!proposal('registerConsolePanel', 'consolePanels')) return Disposable.none();
      const id = check('registerConsolePanel', 'consolePanels', panel?.id);
      if (id === undefined) return Disposable.none();
      if (typeof panel.data !== 'function')
        return refuse('consolePanels', `registerConsolePanel("${id}"): data must be a function`);
      return add(registries.consolePanels, id, panel);
    },

    codeSet(id: string) {
      return registries.codeSets.get(record.id, id)?.value.codes;
    },

    policy(id: string) {
      return registries.policies.get(record.id, id)?.value.values;
    },
  };
}

function isRule(value: unknown): value is Rule {
  const rule = value as Partial<Rule> | null;
  return (
    typeof rule === 'object' &&
    rule !== null &&
    typeof rule.check === 'function' &&
    typeof rule.meta === 'object' &&
    rule.meta !== null &&
    typeof rule.meta.id === 'string'
  );
}

/** A rule's severity in its latest service years (what the manifest declares). */
function latestSeverity(rule: Rule): string {
  const { severity } = rule.meta;
  if (typeof severity === 'string') return severity;
  return severity[severity.length - 1]?.severity ?? 'unknown';
}

function isJsonObject(value: unknown): value is PolicyValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  try {
    return JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value);
  } catch {
    return false;
  }
}

const kindOf = (value: JsonValue | undefined): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * The defaults with the config's values laid over them. A value for an option the
 * defaults lack, or of another JSON type, is ignored with a warning: the config file is
 * the practice's, and a typo there must not change what a rule checks unnoticed.
 */
function overlay(
  id: string,
  defaults: PolicyValues,
  configured: PolicyValues | undefined,
  warn: (message: string) => void,
): PolicyValues {
  const values: Record<string, JsonValue> = { ...defaults };
  for (const [key, value] of Object.entries(configured ?? {})) {
    if (!(key in defaults)) {
      warn(`the config sets ${id}.${key}, which is not an option of this policy; ignored`);
      continue;
    }
    if (kindOf(value) !== kindOf(defaults[key])) {
      warn(
        `the config sets ${id}.${key} to a ${kindOf(value)}, but the option is a ${kindOf(defaults[key])}; the default is kept`,
      );
      continue;
    }
    values[key] = value;
  }
  return Object.freeze(values);
}
