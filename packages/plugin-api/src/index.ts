// @chronicle/plugin-api: the stable API of a Chronicle plugin. A plugin's main module
// exports `activate(context: PluginContext)` (and may export `deactivate`); its manifest
// (chronicle-plugin.json) declares what activate registers. The proposed parts live in
// `@chronicle/plugin-api/proposed`; the host that loads plugins in
// `@chronicle/plugin-api/host`. See docs/developer/plugins.md.

export type {
  CodeSetRegistration,
  CommandHandler,
  PluginContext,
  PluginModule,
  PolicyRegistration,
  PolicyValues,
} from './context.js';
export { Disposable, type DisposableLike } from './disposable.js';
export type { JsonValue } from './json.js';
export type { ActivationEvent } from './manifest/activation-events.js';
export type {
  CodeSetContribution,
  CommandContribution,
  Contributions,
  PolicyContribution,
  RuleContribution,
} from './manifest/contribution-points.js';
export { escapeHtml, html, isSafeHtml, type HtmlValue, type SafeHtml } from './safe-html.js';
export { CHRONICLE_VERSION } from './version.js';
// What a rule is made of, so a rule pack can depend on this package alone.
export { defineRule } from '@chronicle/rules';
export type { FindingReport, MonthContext, Reporter, Rule, RuleMeta } from '@chronicle/rules';
