import { describe, expect, it, vi } from 'vitest';
import { Disposable } from '../src/index.js';
import type { ProposedPluginContext } from '../src/proposed.js';
import { createPluginHost, type PluginHost } from '../src/host.js';
import { manifest, plugin, ruleNamed, rulePlugin } from './support/plugins.js';

// The host: refuses bad plugins without stopping the others, activates plugins on their
// events, checks every registration against the manifest, and undoes them all on
// deactivation.

const host = (...plugins: Parameters<typeof createPluginHost>[0]['plugins']) =>
  createPluginHost({ chronicleVersion: '0.1.0', plugins });

const states = (h: PluginHost) => Object.fromEntries(h.list().map((p) => [p.id, p.state]));
const problems = (h: PluginHost, id: string) =>
  h
    .list()
    .find((p) => p.id === id)
    ?.problems.map((p) => `${p.point}: ${p.message}`);

describe('refusing plugins', () => {
  it('refuses a plugin whose engines range excludes this Chronicle, and loads the others', async () => {
    const h = host(
      rulePlugin('acme.future', [ruleNamed('acme/A')], { engines: { chronicle: '^2.0.0' } }),
      rulePlugin('acme.today', [ruleNamed('acme/B')]),
    );
    await h.activate('onAudit');
    expect(states(h)).toEqual({ 'acme.future': 'refused', 'acme.today': 'active' });
    expect(problems(h, 'acme.future')).toEqual([
      'engines: engines.chronicle "^2.0.0" does not include this Chronicle (0.1.0); use a version of the plugin made for it',
    ]);
    expect(h.rules().map((r) => r.meta.id)).toEqual(['acme/B']);
  });

  it('refuses a plugin with a bad manifest, listed under its id, and never loads its code', async () => {
    const load = vi.fn();
    const h = host(
      { location: './bad', manifest: manifest('acme.bad', { main: 7 }), load },
      rulePlugin('acme.good', [ruleNamed('acme/B')]),
    );
    await h.activate('onAudit');
    expect(states(h)).toEqual({ 'acme.bad': 'refused', 'acme.good': 'active' });
    expect(load).not.toHaveBeenCalled();
    expect(h.list()[0]).toMatchObject({ version: '1.0.0', location: './bad', contributions: {} });
  });

  it('refuses a plugin that could not be read, under the name the config gave', () => {
    const h = host({
      location: './missing',
      manifest: undefined,
      load: () => Promise.reject(new Error('no')),
      error: 'no chronicle-plugin.json',
    });
    expect(h.list()).toMatchObject([
      {
        id: './missing',
        state: 'refused',
        problems: [{ point: 'manifest', message: 'no chronicle-plugin.json' }],
      },
    ]);
  });

  it('refuses a second plugin with the same id', () => {
    const h = host(rulePlugin('acme.pack', []), rulePlugin('acme.pack', []));
    expect(h.list().map((p) => p.state)).toEqual(['inactive', 'refused']);
    expect(h.list()[1]?.problems[0]?.message).toBe(
      'another plugin with the id acme.pack is already loaded (from in-process)',
    );
  });
});

describe('activation', () => {
  it('activates a plugin on its events only, once', async () => {
    const activate = vi.fn();
    const h = host(plugin('acme.startup', activate, { activationEvents: ['onStartup'] }));
    await h.activate('onAudit');
    expect(activate).not.toHaveBeenCalled();
    expect(states(h)).toEqual({ 'acme.startup': 'inactive' });
    await Promise.all([h.activate('onStartup'), h.activate('onStartup')]);
    expect(activate).toHaveBeenCalledTimes(1);
    expect(states(h)).toEqual({ 'acme.startup': 'active' });
  });

  it('marks a plugin whose activate throws as failed, undoes its registrations, and goes on', async () => {
    const rule = ruleNamed('acme/HALF');
    const h = host(
      plugin(
        'acme.broken',
        (context) => {
          context.registerRule(rule);
          throw new Error('database of codes missing');
        },
        { contributes: { rules: [{ id: 'acme/HALF', severity: 'warning', description: 'x' }] } },
      ),
      rulePlugin('acme.good', [ruleNamed('acme/B')]),
    );
    await h.activate('onAudit');
    expect(states(h)).toEqual({ 'acme.broken': 'failed', 'acme.good': 'active' });
    expect(problems(h, 'acme.broken')).toEqual([
      'activate: activate threw: database of codes missing',
    ]);
    expect(h.rules().map((r) => r.meta.id)).toEqual(['acme/B']);
  });

  it('marks a plugin failed when its module cannot load or has no activate', async () => {
    const h = host(
      {
        location: './a',
        manifest: manifest('acme.unloadable', { activationEvents: ['onAudit'] }),
        load: () => Promise.reject(new Error('Cannot find module ./index.js')),
      },
      {
        location: './b',
        manifest: manifest('acme.empty', { activationEvents: ['onAudit'] }),
        load: async () => ({ somethingElse: true }),
      },
    );
    await h.activate('onAudit');
    expect(states(h)).toEqual({ 'acme.unloadable': 'failed', 'acme.empty': 'failed' });
    expect(problems(h, 'acme.unloadable')).toEqual([
      'main: could not load ./index.js: Cannot find module ./index.js',
    ]);
    expect(problems(h, 'acme.empty')).toEqual(['main: ./index.js exports no activate function']);
  });

  it('lists rules by plugin order, whatever order the plugins were activated in', async () => {
    const h = host(
      rulePlugin('acme.first', [ruleNamed('acme/A1'), ruleNamed('acme/A2')], {
        activationEvents: ['onReport'],
      }),
      rulePlugin('acme.second', [ruleNamed('acme/B1')]),
    );
    await h.activate('onAudit');
    expect(h.rules().map((r) => r.meta.id)).toEqual(['acme/A1', 'acme/A2', 'acme/B1']);
    const rules = h.rules();
    expect(h.rules()).toBe(rules);
    expect(rules.map((r) => r.plugin)).toEqual(['acme.first', 'acme.first', 'acme.second']);
  });

  it('warns about a declared contribution that activate did not register', async () => {
    const h = host(
      plugin('acme.forgetful', () => undefined, {
        contributes: { rules: [{ id: 'acme/LOST', severity: 'error', description: 'x' }] },
      }),
    );
    await h.activate('onAudit');
    expect(h.list()[0]).toMatchObject({
      state: 'active',
      problems: [
        {
          severity: 'warning',
          point: 'contributes.rules',
          message: '"acme/LOST" is declared, but activate did not register it',
        },
      ],
    });
  });
});

describe('deactivation', () => {
  it('calls deactivate, disposes every subscription, and leaves the registries empty', async () => {
    const order: string[] = [];
    const h = host(
      plugin(
        'acme.full',
        (context) => {
          const proposed = context as ProposedPluginContext;
          context.registerRule(ruleNamed('acme/R'));
          context.registerCodeSet({ id: 'acme.dx', codes: ['I10'] });
          context.registerPolicy({ id: 'acme.review', defaults: { days: 90 } });
          context.registerCommand('acme.go', () => 1);
          proposed.registerReportSection({ id: 'acme.section', render: () => ({}) });
          proposed.registerConsolePanel({ id: 'acme.panel', data: () => null });
          context.subscriptions.push(new Disposable(() => order.push('own disposable')));
        },
        {
          enabledApiProposals: ['reportSections', 'consolePanels'],
          contributes: {
            rules: [{ id: 'acme/R', severity: 'warning', description: 'x' }],
            codeSets: [{ id: 'acme.dx', system: 'icd-10-cm', description: 'x' }],
            policies: [{ id: 'acme.review', description: 'x' }],
            commands: [{ id: 'acme.go', title: 'Go' }],
            reportSections: [{ id: 'acme.section', title: 'S' }],
            consolePanels: [{ id: 'acme.panel', title: 'P', location: 'audit-run' }],
          },
        },
        () => {
          order.push('deactivate');
        },
      ),
    );
    for (const event of ['onAudit', 'onReport', 'onStartup'] as const) await h.activate(event);
    expect(h.list()[0]?.problems).toEqual([]);
    expect(h.rules()).toHaveLength(1);
    expect(h.codeSets()).toHaveLength(1);
    expect(h.policies()).toHaveLength(1);
    expect(h.renderReportSections({} as never)).toHaveLength(1);
    expect(h.consolePanels('audit-run')).toHaveLength(1);

    await h.deactivateAll();
    expect(order).toEqual(['deactivate', 'own disposable']);
    expect(states(h)).toEqual({ 'acme.full': 'inactive' });
    expect(h.rules()).toEqual([]);
    expect(h.codeSets()).toEqual([]);
    expect(h.policies()).toEqual([]);
    expect(h.renderReportSections({} as never)).toEqual([]);
    expect(h.consolePanels('audit-run')).toEqual([]);
    // And it can be activated again: a command activates it on demand.
    await expect(h.executeCommand('acme.go')).resolves.toBe(1);
  });

  it('refuses a registration made after the plugin was deactivated', async () => {
    let later: (() => void) | undefined;
    const h = host(
      plugin(
        'acme.late',
        (context) => {
          later = () => context.registerRule(ruleNamed('acme/LATE'));
          context.registerRule(ruleNamed('acme/LATE'));
        },
        { contributes: { rules: [{ id: 'acme/LATE', severity: 'warning', description: 'x' }] } },
      ),
    );
    await h.activate('onAudit');
    await h.deactivateAll();
    later?.();
    expect(h.rules()).toEqual([]);
    expect(problems(h, 'acme.late')).toEqual([
      'api: registerRule was called after the plugin was deactivated; it is ignored',
    ]);
  });
});
