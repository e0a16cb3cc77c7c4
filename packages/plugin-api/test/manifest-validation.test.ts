import { describe, expect, it } from 'vitest';
import { activationEventsOf, validateManifest } from '../src/host.js';
import { manifest } from './support/plugins.js';

// Manifests are checked field by field and point by point: every problem is reported at
// once, tagged with the plugin and the point, and any error refuses the plugin.

const problemsOf = (raw: unknown) =>
  validateManifest(raw, './somewhere').problems.map((p) => `${p.point}: ${p.message}`);

describe('a manifest', () => {
  it('that is valid gives a manifest, no problems, and the events its points imply', () => {
    const result = validateManifest(
      manifest('acme.pack', {
        activationEvents: ['onStartup'],
        contributes: {
          rules: [{ id: 'acme/REVIEW-OVERDUE', severity: 'error', description: 'Late review.' }],
          commands: [{ id: 'acme.refresh', title: 'Refresh' }],
        },
      }),
      './pack',
    );
    expect(result.problems).toEqual([]);
    expect(result.id).toBe('acme.pack');
    expect(activationEventsOf(result.manifest!)).toEqual([
      'onStartup',
      'onAudit',
      'onCommand:acme.refresh',
    ]);
  });

  it.each([
    ['id', { id: 'Acme Pack' }, 'manifest: id: must be publisher.name in lowercase'],
    ['version', { version: 'one' }, 'manifest: version: must be a semantic version'],
    ['engines', { engines: undefined }, 'engines: engines:'],
    [
      'engines.chronicle',
      { engines: { chronicle: 'soon' } },
      'engines: engines.chronicle: must be a semver range',
    ],
    ['main', { main: '' }, 'manifest: main: must name the module to load'],
    ['unknown field', { publisher: 'acme' }, 'manifest: (manifest): unknown field "publisher"'],
    [
      'enabledApiProposals',
      { enabledApiProposals: ['telepathy'] },
      'manifest: enabledApiProposals[0]:',
    ],
  ])('with a bad %s is refused with a problem naming the field', (_name, change, expected) => {
    const result = validateManifest({ ...manifest('acme.pack'), ...change }, './pack');
    expect(result.manifest).toBeUndefined();
    expect(problemsOf({ ...manifest('acme.pack'), ...change }).join('\n')).toContain(expected);
  });

  it('that is not an object is refused, under the place it was found', () => {
    const result = validateManifest(['x'], './pack');
    expect(result).toMatchObject({
      manifest: undefined,
      id: './pack',
      problems: [{ plugin: './pack', point: 'manifest', severity: 'error' }],
    });
  });
});

describe('each contribution point', () => {
  it.each([
    [
      'rules',
      [{ id: 'review overdue', severity: 'error', description: 'x' }],
      'contributes.rules: contributes.rules[0].id: must be upper-case words joined by hyphens',
    ],
    [
      'rules',
      [{ id: 'acme/LATE', severity: 'fatal', description: 'x' }],
      'contributes.rules: contributes.rules[0].severity:',
    ],
    [
      'rules',
      [
        { id: 'acme/LATE', severity: 'error', description: 'x' },
        { id: 'acme/LATE', severity: 'error', description: 'y' },
      ],
      'contributes.rules: contributes.rules[1].id: "acme/LATE" is declared twice',
    ],
    [
      'codeSets',
      [{ id: 'acme.dx', system: 'icd-10-cm', description: 'x', codes: ['I10'], file: 'dx.txt' }],
      'contributes.codeSets: contributes.codeSets[0].file: give the codes inline or in a file, not both',
    ],
    [
      'codeSets',
      [{ id: 'acme.dx', system: 'icd-9', description: 'x' }],
      'contributes.codeSets: contributes.codeSets[0].system:',
    ],
    [
      'codeSets',
      [{ id: 'acme.dx', system: 'icd-10-cm', description: 'x', file: '../../etc/passwd' }],
      'contributes.codeSets: contributes.codeSets[0].file: must be a path inside the plugin folder',
    ],
    [
      'policies',
      [{ id: 'acme.review', description: '' }],
      'contributes.policies: contributes.policies[0].description: must not be empty',
    ],
    ['commands', [{ id: 'acme.refresh' }], 'contributes.commands: contributes.commands[0].title:'],
    [
      'commands',
      { id: 'acme.refresh', title: 'Refresh' },
      'contributes.commands: contributes.commands:',
    ],
  ])('%s: a bad entry is a problem of that point', (point, value, expected) => {
    const raw = manifest('acme.pack', { contributes: { [point]: value } });
    expect(validateManifest(raw, './pack').manifest).toBeUndefined();
    expect(problemsOf(raw).join('\n')).toContain(expected);
  });

  it.each([
    ['reportSections', [{ id: 'acme.summary', title: 'Summary' }], 'reportSections'],
    [
      'consolePanels',
      [{ id: 'acme.reviews', title: 'Reviews', location: 'patient' }],
      'consolePanels',
    ],
  ])('%s: is proposed, and refused without the proposal enabled', (point, value, proposal) => {
    const raw = manifest('acme.pack', { contributes: { [point]: value } });
    expect(problemsOf(raw)).toEqual([
      `contributes.${point}: "${point}" is a proposed contribution point: add "${proposal}" to enabledApiProposals to use it`,
    ]);
    const enabled = { ...raw, enabledApiProposals: [proposal] };
    expect(validateManifest(enabled, './pack').problems).toEqual([]);
  });

  it('consolePanels: a panel must say where it shows', () => {
    const raw = manifest('acme.pack', {
      enabledApiProposals: ['consolePanels'],
      contributes: { consolePanels: [{ id: 'acme.reviews', title: 'Reviews', location: 'home' }] },
    });
    expect(problemsOf(raw).join('\n')).toContain(
      'contributes.consolePanels: contributes.consolePanels[0].location:',
    );
  });

  it('an unknown point is refused, naming the points there are', () => {
    expect(problemsOf(manifest('acme.pack', { contributes: { menus: [] } }))).toEqual([
      'contributes.menus: there is no contribution point "menus"; the points are rules, codeSets, policies, reportSections, consolePanels, commands',
    ]);
  });

  it('reports the problems of every bad point at once', () => {
    const raw = manifest('acme.pack', {
      contributes: { rules: [{ id: 'x' }], commands: [{}] },
    });
    const points = new Set(validateManifest(raw, './pack').problems.map((p) => p.point));
    expect([...points]).toEqual(['contributes.rules', 'contributes.commands']);
  });
});

describe('activation events', () => {
  it('that Chronicle does not fire are a warning, and the plugin is still accepted', () => {
    const result = validateManifest(
      manifest('acme.pack', { activationEvents: ['onLanguage:json', 'onCommand:acme.nothing'] }),
      './pack',
    );
    expect(result.manifest).toBeDefined();
    expect(result.problems.map((p) => [p.severity, p.point, p.message])).toEqual([
      [
        'warning',
        'activationEvents',
        '"onLanguage:json" is not an activation event Chronicle fires (onStartup, onAudit, onReport, onCommand:<id>); it is ignored',
      ],
      [
        'warning',
        'activationEvents',
        '"onCommand:acme.nothing" names a command that contributes.commands does not declare',
      ],
    ]);
    expect(activationEventsOf(result.manifest!)).toEqual(['onCommand:acme.nothing']);
  });
});
