// Every workspace package's `exports` (and `bin`) must point at files that exist: the
// source entry always, the built entry after `pnpm build`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const built = process.argv.includes('--built');
const problems = [];
for (const group of ['apps', 'packages', 'plugins', 'tooling']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgFile = join(dir, name, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const targets = [];
    const walk = (value, condition) => {
      if (typeof value === 'string') targets.push({ condition, path: value });
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(pkg.exports, 'default');
    if (pkg.bin) walk(pkg.bin, 'bin');
    for (const { condition, path } of targets) {
      const isBuilt = path.includes('/dist/');
      if (isBuilt && !built) continue;
      if (!existsSync(join(dir, name, path)))
        problems.push(`${pkg.name}: "${condition}" -> ${path} does not exist`);
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`exports ok${built ? ' (including built files)' : ''}`);
