// Fails when a rule lacks its doc or its test, when a rule file is not registered, when
// two rules share an ID, when a rule has no corrective action (the type requires the field,
// this catches an empty one), or when a catalogue ID in the spec has no rule.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmsRules } from '@chronicle/rules';
import { kebab, ruleFiles } from './rule-files.js';

const root = join(import.meta.dirname, '..');
const problems: string[] = [];

const ids = new Set<string>();
for (const f of ruleFiles()) {
  const id = f.rule.meta.id;
  if (ids.has(id)) problems.push(`${id}: two rules share this ID`);
  ids.add(id);
  for (const path of [f.source, f.test, f.doc]) {
    if (!existsSync(join(root, path))) problems.push(`${id}: missing ${path}`);
  }
  if (!f.rule.meta.docs.correctiveAction?.trim())
    problems.push(`${id}: no corrective action (meta.docs.correctiveAction)`);
}

const registered = new Set(cmsRules.map((r) => kebab(r.meta.id)));
for (const file of readdirSync(join(root, 'packages/rules/src/rules'))) {
  if (!file.endsWith('.ts') || file === 'index.ts') continue;
  if (!registered.has(file.replace(/\.ts$/, '')))
    problems.push(`packages/rules/src/rules/${file}: not registered in rules/index.ts`);
}

// The catalogue the rules implement; in a clean checkout it sits beside the project.
const catalogue = join(root, '../shared/spec/rules.md');
if (existsSync(catalogue)) {
  for (const match of readFileSync(catalogue, 'utf8').matchAll(
    /^\| ([A-Z0-9]+(?:-[A-Z0-9]+)+) \|/gm,
  )) {
    if (!ids.has(match[1] as string))
      problems.push(`${match[1]}: in spec/rules.md but not implemented`);
  }
}

if (problems.length > 0) {
  console.error(`Rule files out of step:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${cmsRules.length} rules, each with its test and doc, and a corrective action.`);
