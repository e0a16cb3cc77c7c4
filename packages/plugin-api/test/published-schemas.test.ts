import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHRONICLE_VERSION } from '../src/index.js';
import { CONTRIBUTION_POINT_NAMES, pluginJsonSchemas } from '../src/host.js';

// Each contribution point has its own JSON Schema, published in docs/developer/schemas/
// (written by `pnpm docs:generate`, whose --check keeps the files current), and the
// Chronicle version plugins are checked against is this package's version.

const root = join(import.meta.dirname, '../../..');

describe('the published JSON Schemas', () => {
  const schemas = pluginJsonSchemas();

  it('include the manifest, the config file and one per contribution point', () => {
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'chronicle-plugin.schema.json',
        'chronicle-config.schema.json',
        ...CONTRIBUTION_POINT_NAMES.map((p) => `contributes.${p}.schema.json`),
      ].sort(),
    );
  });

  it('describe each point as an array of strict objects with its required fields', () => {
    const rules = schemas['contributes.rules.schema.json'] as {
      type: string;
      items: { required: string[]; additionalProperties: boolean };
    };
    expect(rules.type).toBe('array');
    expect(rules.items.required).toEqual(['id', 'severity', 'description']);
    expect(rules.items.additionalProperties).toBe(false);
    expect(JSON.stringify(schemas['contributes.consolePanels.schema.json'])).toContain(
      'enabledApiProposals',
    );
  });

  it('are the files in docs/developer/schemas', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const file = join(root, 'docs/developer/schemas', name);
      expect(JSON.parse(readFileSync(file, 'utf8')), name).toEqual(schema);
    }
  });
});

describe('the Chronicle version', () => {
  it("is this package's version", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'));
    expect(CHRONICLE_VERSION).toBe(pkg.version);
  });
});
