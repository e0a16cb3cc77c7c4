import type { PluginContext } from '@chronicle/plugin-api';
import { claimDxFewerThanTwoChronic } from './claim-dx-fewer-than-two-chronic.js';

// A rule pack for payers that check diagnoses on the claim. List it in
// chronicle.config.json after the CMS pack; chronicle-plugin.json declares its rule.

/** Registers the pack's rule. */
export function activate(context: PluginContext): void {
  context.registerRule(claimDxFewerThanTwoChronic);
}

export { claimDxFewerThanTwoChronic };
