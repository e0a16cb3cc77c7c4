import type { PluginContext } from '@chronicle/plugin-api';
import { cmsRules } from '@chronicle/rules';

// The CMS rule catalogue as a plugin. It registers the rules @chronicle/rules publishes,
// in catalogue order, through the same context a third-party rule pack is given: if the
// built-in pack could not be written this way, the plugin API would be missing something.
// chronicle-plugin.json declares the same rules; `pnpm docs:generate` writes it from the
// catalogue and a test checks the two agree.

/** Registers every rule of the CMS catalogue. */
export function activate(context: PluginContext): void {
  for (const rule of cmsRules) context.registerRule(rule);
}
