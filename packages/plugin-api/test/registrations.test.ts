import { describe, expect, it } from 'vitest';
import { Disposable, html } from '../src/index.js';
import type { ProposedPluginContext } from '../src/proposed.js';
import { createPluginHost, inProcessPlugin, type PluginHost } from '../src/host.js';
import { manifest, plugin, ruleNamed, rulePlugin } from './support/plugins.js';

// Registrations: each is checked against the manifest (declared? proposal enabled? id
// free?), a refused one records a problem naming the plugin and the point, and accepted
// ones reach the host's registries: rules, report sections, console panels, commands,
// policies and code sets.

const host = (...plugins: Parameters<typeof createPluginHost>[0]['plugins']) =>
  createPluginHost({ chronicleVersion: '0.1.0', plugins });

const states = (h: PluginHost) => Object.fromEntries(h.list().map((p) => [p.id, p.state]));
const problems = (h: PluginHost, id: string) =>
  h
    .list()
    .find((p) => p.id === id)
    ?.problems.map((p) => `${p.point}: ${p.message}`);

describe('registrations', () => {
  it('refuses what the manifest does not declare, naming the plugin and the point', async () => {
    const h = host(
      plugin(
        'acme.sneaky',
        (context) => {
          const refused = context.registerRule(ruleNamed('acme/UNDECLARED'));
          context.registerCommand('acme.hidden', () => 'x');
          expect(refused).toBeInstanceOf(Disposable);
        },
        { activationEvents: ['onAudit'] },
      ),
    );
    await h.activate('onAudit');
    expect(h.rules()).toEqual([]);
    expect(h.list()[0]?.state).toBe('active');
    expect(h.list()[0]?.problems).toEqual([
      {
        plugin: 'acme.sneaky',
        point: 'contributes.rules',
        severity: 'error',
        message:
          'registerRule("acme/UNDECLARED") is refused: contributes.rules does not declare "acme/UNDECLARED"; declare it in the manifest',
      },
      {
        plugin: 'acme.sneaky',
        point: 'contributes.commands',
        severity: 'error',
        message:
          'registerCommand("acme.hidden") is refused: contributes.commands does not declare "acme.hidden"; declare it in the manifest',
      },
    ]);
  });

  it('refuses a rule id another plugin already registered', async () => {
    const h = host(
      rulePlugin('acme.one', [ruleNamed('shared/SAME')]),
      rulePlugin('acme.two', [ruleNamed('shared/SAME')]),
    );
    await h.activate('onAudit');
    expect(h.rules().map((r) => r.plugin)).toEqual(['acme.one']);
    expect(problems(h, 'acme.two')).toContain(
      'contributes.rules: registerRule("shared/SAME") is refused: plugin acme.one has this rule',
    );
  });

  it('refuses the proposed API to a plugin that did not opt in', async () => {
    const sections = { reportSections: [{ id: 'acme.summary', title: 'Summary' }] };
    const activate = (context: ProposedPluginContext) => {
      context.registerReportSection({ id: 'acme.summary', render: () => ({}) });
    };
    // The manifest may not even declare the point without the proposal, so the call is
    // what is refused for a plugin that declares nothing.
    const h = host(
      plugin('acme.eager', activate as never, { activationEvents: ['onReport'] }),
      plugin('acme.polite', activate as never, {
        enabledApiProposals: ['reportSections'],
        contributes: sections,
      }),
    );
    await h.activate('onReport');
    expect(problems(h, 'acme.eager')).toEqual([
      'api: registerReportSection is proposed API: add "reportSections" to enabledApiProposals in the manifest to use it',
    ]);
    expect(problems(h, 'acme.polite')).toEqual([]);
    expect(h.renderReportSections({} as never).map((s) => s.plugin)).toEqual(['acme.polite']);
  });

  it('renders report sections, escaping values, and refuses HTML not built with the html tag', async () => {
    const h = host(
      plugin(
        'acme.sections',
        (context) => {
          const proposed = context as ProposedPluginContext;
          proposed.registerReportSection({
            id: 'acme.safe',
            render: () => ({
              html: html`<p>${'<script>alert(1)</script>'} reviewed</p>`,
              rows: [{ patient: 'p1', days: 91 }],
            }),
          });
          proposed.registerReportSection({
            id: 'acme.raw',
            render: () => ({ html: '<b>raw</b>' as never }),
          });
        },
        {
          enabledApiProposals: ['reportSections'],
          contributes: {
            reportSections: [
              { id: 'acme.safe', title: 'Reviews' },
              { id: 'acme.raw', title: 'Raw' },
            ],
          },
        },
      ),
    );
    await h.activate('onReport');
    const [safe, raw] = h.renderReportSections({} as never);
    expect(safe).toEqual({
      plugin: 'acme.sections',
      id: 'acme.safe',
      title: 'Reviews',
      html: '<p>&lt;script&gt;alert(1)&lt;/script&gt; reviewed</p>',
      rows: [{ patient: 'p1', days: 91 }],
    });
    expect(raw).toEqual({
      plugin: 'acme.sections',
      id: 'acme.raw',
      title: 'Raw',
      error:
        'report section "acme.raw" could not be rendered: html must be built with the html tag of @chronicle/plugin-api',
    });
    h.renderReportSections({} as never);
    expect(problems(h, 'acme.sections')).toEqual([`api: ${raw?.error}`]);
  });

  it('gives console panel data as JSON, and a panel that throws as an error', async () => {
    const h = host(
      plugin(
        'acme.panels',
        (context) => {
          const proposed = context as ProposedPluginContext;
          proposed.registerConsolePanel({
            id: 'acme.reviews',
            data: (input) => ({ location: input.location, due: ['2026-03-01'] }),
          });
          proposed.registerConsolePanel({
            id: 'acme.broken',
            data: () => {
              throw new Error('no reviews table');
            },
          });
        },
        {
          enabledApiProposals: ['consolePanels'],
          contributes: {
            consolePanels: [
              { id: 'acme.reviews', title: 'Reviews', location: 'patient' },
              { id: 'acme.broken', title: 'Broken', location: 'audit-run' },
            ],
          },
        },
      ),
    );
    await h.activate('onStartup');
    expect(h.consolePanels('patient')).toEqual([
      { plugin: 'acme.panels', id: 'acme.reviews', title: 'Reviews', location: 'patient' },
    ]);
    const input = { location: 'patient', practice: {}, patient: {} } as never;
    expect(await h.consolePanelData('acme.panels', 'acme.reviews', input)).toEqual({
      ok: true,
      data: { location: 'patient', due: ['2026-03-01'] },
    });
    expect(await h.consolePanelData('acme.panels', 'acme.broken', input)).toEqual({
      ok: false,
      error: 'console panel "acme.broken" could not compute its data: no reviews table',
    });
  });

  it('runs a command, activating its plugin on onCommand', async () => {
    const h = host(
      plugin(
        'acme.commands',
        (context) => {
          context.registerCommand('acme.greet', (name) => `hello ${name}`);
        },
        { contributes: { commands: [{ id: 'acme.greet', title: 'Greet' }] } },
      ),
    );
    expect(states(h)).toEqual({ 'acme.commands': 'inactive' });
    expect(await h.executeCommand('acme.greet', 'world')).toBe('hello world');
    await expect(h.executeCommand('acme.nothing')).rejects.toThrow(
      'no plugin registers the command "acme.nothing"',
    );
  });

  it('lays the config policy values over the defaults, ignoring unknown or mistyped ones', async () => {
    let seen: unknown;
    const source = inProcessPlugin(
      manifest('acme.policy', {
        contributes: { policies: [{ id: 'acme.review', description: 'Review interval' }] },
      }),
      {
        activate(context) {
          context.registerPolicy({ id: 'acme.review', defaults: { days: 90, strict: false } });
          seen = context.policy('acme.review');
        },
      },
      { policies: { 'acme.review': { days: 60, strict: 'yes', colour: 'red' } } },
    );
    const h = host(source);
    await h.activate('onAudit');
    expect(seen).toEqual({ days: 60, strict: false });
    expect(h.policies()).toEqual([
      { plugin: 'acme.policy', id: 'acme.review', values: { days: 60, strict: false } },
    ]);
    expect(problems(h, 'acme.policy')).toEqual([
      'contributes.policies: the config sets acme.review.strict to a string, but the option is a boolean; the default is kept',
      'contributes.policies: the config sets acme.review.colour, which is not an option of this policy; ignored',
    ]);
  });

  it('takes code set codes from the call, the manifest, or the file the manifest names', async () => {
    const codes: Record<string, string[]> = {};
    const source = {
      ...inProcessPlugin(
        manifest('acme.codes', {
          contributes: {
            codeSets: [
              { id: 'acme.inline', system: 'icd-10-cm', description: 'x', codes: ['I10'] },
              { id: 'acme.file', system: 'icd-10-cm', description: 'x', file: 'codes/dx.txt' },
              { id: 'acme.given', system: 'snomed', description: 'x' },
            ],
          },
        }),
        {
          activate(context) {
            context.registerCodeSet({ id: 'acme.inline' });
            context.registerCodeSet({ id: 'acme.file' });
            context.registerCodeSet({ id: 'acme.given', codes: ['38341003'] });
            for (const id of ['acme.inline', 'acme.file', 'acme.given'])
              codes[id] = [...(context.codeSet(id) ?? [])];
          },
        },
      ),
      readFile: async (path: string) =>
        path === 'codes/dx.txt'
          ? '# chronic\nE11.9\n\nN18.3\n'
          : Promise.reject(new Error('ENOENT')),
    };
    const h = host(source);
    await h.activate('onAudit');
    expect(codes).toEqual({
      'acme.inline': ['I10'],
      'acme.file': ['E11.9', 'N18.3'],
      'acme.given': ['38341003'],
    });
    expect(problems(h, 'acme.codes')).toEqual([]);
  });
});
