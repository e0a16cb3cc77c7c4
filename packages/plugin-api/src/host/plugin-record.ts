import type { Rule } from '@chronicle/rules';
import type { CommandHandler, PluginModule, PolicyValues } from '../context.js';
import type { DisposableLike } from '../disposable.js';
import type { ActivationEvent } from '../manifest/activation-events.js';
import type { PluginManifest } from '../manifest/validate-manifest.js';
import type { ProblemCollector } from '../problems.js';
import type { ConsolePanel, ReportSection } from '../proposed.js';
import type { PluginSource } from './plugin-source.js';
import { Registry } from './registry.js';

/** Where a plugin is in its life. */
export type PluginState = 'inactive' | 'active' | 'refused' | 'failed';

/** The host's record of one plugin (internal). */
export interface PluginRecord {
  id: string;
  rank: number;
  source: PluginSource;
  /** Undefined for a plugin refused for its manifest. */
  manifest: PluginManifest | undefined;
  events: ActivationEvent[];
  state: PluginState;
  problems: ProblemCollector;
  module?: PluginModule;
  /** Codes read from code set files at activation, by code set id. */
  fileCodes: Map<string, readonly string[]>;
  subscriptions: DisposableLike[];
  /** Set while an activation is under way, so two events cannot activate twice. */
  activation?: Promise<void>;
  /** False once the plugin is deactivated or failed: late registrations are refused. */
  live: boolean;
}

export interface CodeSetEntry {
  system: string;
  codes: ReadonlySet<string>;
}

export interface PolicyEntry {
  defaults: PolicyValues;
  values: PolicyValues;
}

/** Everything plugins have registered, by kind. */
export class Registries {
  readonly rules = new Registry<Rule>(true);
  readonly commands = new Registry<CommandHandler>(true);
  readonly codeSets = new Registry<CodeSetEntry>(false);
  readonly policies = new Registry<PolicyEntry>(false);
  readonly reportSections = new Registry<ReportSection>(false);
  readonly consolePanels = new Registry<ConsolePanel>(false);

  all(): Registry<unknown>[] {
    return [
      this.rules,
      this.commands,
      this.codeSets,
      this.policies,
      this.reportSections,
      this.consolePanels,
    ] as Registry<unknown>[];
  }
}
