import { defineRule, type Rule } from '@chronicle/rules';
import type { PluginModule } from '../../src/index.js';
import { inProcessPlugin, type PluginSource } from '../../src/host.js';

// Small plugins for the host tests: a manifest built from a few fields, and rules that
// report, or throw, on every billed month.

export function manifest(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    version: '1.0.0',
    engines: { chronicle: '^0.1.0' },
    main: './index.js',
    ...extra,
  };
}

export function ruleNamed(id: string, behaviour: 'reports' | 'throws' = 'reports'): Rule {
  return defineRule({
    meta: {
      id,
      severity: 'warning',
      years: { from: 2015 },
      sources: ['https://example.org/policy'],
      description: `Test rule ${id}.`,
      messages: { seen: 'Month seen by {id}.' },
      scope: 'billed-month',
      lifecycle: { addedIn: '1.0.0' },
      docs: { why: 'test', fail: 'any', pass: 'none', correctiveAction: 'none' },
    },
    check(_ctx, report) {
      if (behaviour === 'throws') throw new Error(`${id} broke`);
      report({ messageId: 'seen', data: { id } });
    },
  });
}

/** A plugin declaring and registering the given rules. */
export function rulePlugin(id: string, rules: Rule[], extra: Record<string, unknown> = {}) {
  const module: PluginModule = {
    activate(context) {
      for (const rule of rules) context.registerRule(rule);
    },
  };
  return inProcessPlugin(
    manifest(id, {
      contributes: {
        rules: rules.map((r) => ({
          id: r.meta.id,
          severity: 'warning',
          description: r.meta.description,
        })),
      },
      ...extra,
    }),
    module,
  );
}

export function plugin(
  id: string,
  activate: PluginModule['activate'],
  extra: Record<string, unknown> = {},
  deactivate?: PluginModule['deactivate'],
): PluginSource {
  return inProcessPlugin(manifest(id, extra), { activate, ...(deactivate ? { deactivate } : {}) });
}
