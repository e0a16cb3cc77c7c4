import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginJsonSchemas } from '@chronicle/plugin-api/host';
import { cmsRules, type Rule } from '@chronicle/rules';

// The plugin API's generated files: one JSON Schema per contribution point (and for the
// manifest and the config file), and the CMS plugin's manifest, whose rule list is derived
// from the catalogue rather than kept by hand.

const root = join(import.meta.dirname, '..');

/** docs/developer/schemas/<name>.json for every published schema. */
export function pluginSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, schema] of Object.entries(pluginJsonSchemas()))
    files.set(`docs/developer/schemas/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
  return files;
}

export const CMS_MANIFEST = 'plugins/cms/chronicle-plugin.json';

/** The CMS manifest with `contributes.rules` made from the catalogue; the rest as written. */
export function cmsManifest(): string {
  const manifest = JSON.parse(readFileSync(join(root, CMS_MANIFEST), 'utf8')) as Record<
    string,
    unknown
  >;
  const rules = cmsRules.map((rule) => ({
    id: rule.meta.id,
    severity: latestSeverity(rule),
    description: rule.meta.description,
  }));
  const contributes = { ...(manifest.contributes as object), rules };
  return `${JSON.stringify({ ...manifest, contributes }, null, 2)}\n`;
}

function latestSeverity(rule: Rule): string {
  const { severity } = rule.meta;
  return typeof severity === 'string'
    ? severity
    : (severity[severity.length - 1]?.severity ?? 'error');
}
