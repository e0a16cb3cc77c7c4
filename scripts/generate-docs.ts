// Writes docs/rules/<id>.md for every rule, the rule index, the dataset JSON Schema, the
// permission table, the plugin API's JSON Schemas and the CMS plugin's manifest.
// `--check` writes nothing and fails when a generated file is missing or stale.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { datasetJsonSchema } from '@chronicle/dataset';
import { cmsRules } from '@chronicle/rules';
import { permissionsDoc } from './permissions-doc.js';
import { CMS_MANIFEST, cmsManifest, pluginSchemaFiles } from './plugin-docs.js';
import { ruleDoc, rulesIndex } from './rule-doc.js';
import { ruleFiles } from './rule-files.js';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');

const outputs = new Map<string, string>();
for (const f of ruleFiles()) outputs.set(f.doc, ruleDoc(f.rule));
outputs.set('docs/rules/README.md', rulesIndex(cmsRules));
outputs.set('docs/admin/permissions.md', permissionsDoc());
outputs.set('docs/dataset-v1.schema.json', `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
for (const [path, text] of pluginSchemaFiles()) outputs.set(path, text);
outputs.set(CMS_MANIFEST, cmsManifest());

const stale: string[] = [];
for (const [path, text] of outputs) {
  const file = join(root, path);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(path);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
if (stale.length > 0) {
  console.error(
    `Generated docs are stale; run \`pnpm docs:generate\`:\n${stale.map((s) => `  ${s}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(
  check ? `${outputs.size} generated files are current.` : `Wrote ${outputs.size} files.`,
);
