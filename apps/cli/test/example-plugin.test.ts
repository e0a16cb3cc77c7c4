import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditReportSchema, type AuditReport, type Finding } from '@chronicle/rules';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, exampleDataset } from './support.js';

// Issue 7's acceptance for the example plugin (plugins/ma-plan-policy, a fictional
// Medicare Advantage plan's policy pack): it loads from a config file, its rules run in
// audits and show in the HTML report with its report section; and a broken copy of it (a
// bad manifest, a rule that throws, an engines range that excludes this Chronicle) is
// reported clearly while the audit completes with every other rule's findings. The pack
// is loaded as a user would load it: its folder, built (CI builds before testing).

const pluginDir = join(import.meta.dirname, '../../../plugins/ma-plan-policy');
const manifest = JSON.parse(readFileSync(join(pluginDir, 'chronicle-plugin.json'), 'utf8'));
const REVIEW = 'ma-plan/CAREPLAN-REVIEW-OVERDUE';
const DX = 'ma-plan/CLAIM-DX-FEWER-THAN-TWO';

const root = mkdtempSync(join(tmpdir(), 'chronicle-example-plugin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: unknown): string {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A config file listing the CMS pack and the given plugin folders. */
const config = (name: string, ...plugins: string[]) =>
  write(`${name}.config.json`, { plugins: ['@chronicle/plugin-cms', ...plugins] });

/**
 * A copy of the pack in its own folder: its manifest changed by `change`, its built code
 * linked (a copy that was not refused would run the pack's own code).
 */
function brokenCopy(name: string, change: (m: typeof manifest) => void): string {
  const copy = structuredClone(manifest);
  change(copy);
  write(`${name}/chronicle-plugin.json`, copy);
  symlinkSync(join(pluginDir, 'dist'), join(root, name, 'dist'));
  return join(root, name);
}

const plain = config('cms-only');
const good = config('good', pluginDir);
const badManifest = config(
  'bad-manifest',
  brokenCopy('bad-manifest', (m) => {
    m.contributes.rules[0].severity = 'fatal';
  }),
);
const future = config(
  'future',
  brokenCopy('future', (m) => {
    m.engines.chronicle = '>=2.0.0';
  }),
);
const throwingDir = brokenCopy('throwing', (m) => {
  m.main = './throwing.mjs';
});
// The pack's own activate, with the review rule's check replaced by one that throws.
write(
  'throwing/throwing.mjs',
  `import { activate as activatePack } from './dist/index.js';
export function activate(context) {
  activatePack({
    ...context,
    registerRule: (rule) =>
      context.registerRule(
        rule.meta.id === '${REVIEW}'
          ? { meta: rule.meta, check() { throw new Error('review table missing'); } }
          : rule,
      ),
  });
}
`,
);
const throwing = config('throwing', throwingDir);

/**
 * Worked example 01 with its patient moved to Medicare Advantage, so that it fails both of
 * the plan's rules (its care plan dates from January, its claim carries no diagnosis), and
 * a second member who passes them (reviewed in September, I10 and E11.9 on the claim).
 */
function planDataset(): string {
  const dataset = JSON.parse(exampleDataset('01-clean-99490.json'));
  const failing = dataset.patients[0];
  failing.coverage = [{ kind: 'medicare-advantage', start: '2013-03-01' }];
  const passing = structuredClone(failing);
  Object.assign(passing, { id: 'p-2', mrn: 'MRN-1002', mbi: '1EG4TE5MK74' });
  passing.carePlans.push({
    id: 'cp-2',
    date: '2026-09-20',
    event: 'reviewed',
    authorId: 'c-md',
    elements: failing.carePlans[0].elements,
  });
  passing.claims[0].id = 'cl-2';
  passing.claims[0].lines[0].diagnoses = ['I10', 'E11.9'];
  dataset.patients.push(passing);
  return JSON.stringify(dataset);
}

const files = { 'd.json': planDataset() };

async function auditJson(configFile: string) {
  const r = await cli(['audit', 'd.json', '--config', configFile], files);
  return { ...r, report: auditReportSchema.parse(JSON.parse(r.stdout)) };
}

const findings = (report: AuditReport, patientId: string): Finding[] =>
  report.months.filter((m) => m.patientId === patientId).flatMap((m) => m.findings);

const without = (list: Finding[], ruleIds: string[]) =>
  list.filter((f) => !ruleIds.includes(f.ruleId));

describe('the example plugin (ma-plan-policy)', () => {
  it('loads from a config file: chronicle plugins lists it active with its contributions', async () => {
    const r = await cli(['plugins', '--config', good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'chronicle.ma-plan-policy 0.1.0: active',
        `  from: ${pluginDir}`,
        '  name: Riverbend Advantage policy (fictional MA plan example)',
        '  activation events: onAudit, onReport, onStartup',
        `  rules: ${REVIEW}, ${DX}`,
        '  policies: ma-plan.policy',
        '  reportSections: ma-plan.checks',
        '  consolePanels: ma-plan.care-plan-review',
      ].join('\n'),
    );
  });

  it('runs its rules in an audit: findings with its rule ids on the month built to fail them', async () => {
    const { code, stderr, report } = await auditJson(good);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const failing = findings(report, 'p-1');
    expect(failing.find((f) => f.ruleId === REVIEW)).toMatchObject({
      severity: 'error',
      message:
        'Claim cl-1 (2026-10-31): the care plan was last established, revised or reviewed on 2026-01-20, 284 days before; the plan requires a review within 90 days.',
      evidence: { lastCarePlanEventId: 'cp-1', daysSinceReview: 284 },
      sources: ['https://example.org/riverbend-advantage/care-management-policy'],
    });
    expect(failing.find((f) => f.ruleId === DX)).toMatchObject({
      severity: 'error',
      evidence: { claimId: 'cl-1', diagnoses: [], chronicDiagnoses: [] },
    });
    expect(findings(report, 'p-2').map((f) => f.ruleId)).not.toContain(REVIEW);
    expect(findings(report, 'p-2').map((f) => f.ruleId)).not.toContain(DX);
    // The CMS rules run beside it, unchanged.
    const cmsOnly = (await auditJson(plain)).report;
    for (const patient of ['p-1', 'p-2'])
      expect(without(findings(report, patient), [REVIEW, DX])).toEqual(findings(cmsOnly, patient));
  });

  it('shows in the HTML report: its section, and its rules with their corrective actions in "Findings by rule"', async () => {
    const r = await cli(['audit', 'd.json', '--config', good, '--format', 'html'], files);
    expect(r.code).toBe(1);
    const page = r.stdout;
    const byRule = page.slice(
      page.indexOf('id="by-rule"'),
      page.indexOf('<section aria-labelledby="plugin-1-'),
    );
    for (const id of [REVIEW, DX]) expect(byRule).toContain(`<code>${id}</code>`);
    expect(byRule).toContain(
      'A CCM claim of the plan&#39;s member whose care plan was not established, revised or reviewed',
    );
    expect(byRule).toContain(
      'Schedule each member&#39;s care-plan review before the interval runs out',
    );
    expect(byRule).toContain(
      'href="https://example.org/riverbend-advantage/care-management-policy"',
    );
    const section = page.slice(
      page.indexOf('<section aria-labelledby="plugin-1-'),
      page.indexOf('id="by-practitioner"'),
    );
    expect(section).toContain(
      '<h2 id="plugin-1-ma-plan_checks">Medicare Advantage plan checks</h2>',
    );
    expect(section).toContain('From the plugin chronicle.ma-plan-policy.');
    expect(section.replace(/\s+/g, ' ')).toContain(
      'Billed months checked: <strong>2</strong>. Failing a plan rule: <strong>1</strong>.',
    );
    expect(section).toMatch(
      new RegExp(`<td>${REVIEW}</td>\\s*<td class="num">1</td>\\s*<td class="num">1</td>`),
    );
  });

  it('leaves the report of the CMS pack alone as it was: the same HTML with or without a config', async () => {
    const withConfig = await cli(['audit', 'd.json', '--config', plain, '--format', 'html'], files);
    const withoutConfig = await cli(['audit', 'd.json', '--format', 'html'], files);
    expect(withConfig.stdout).toBe(withoutConfig.stdout);
    expect(withConfig.stdout).not.toContain('class="plugin"');
  });
});

describe('a broken copy of the example plugin', () => {
  it('(a) a bad manifest: listed as refused with the plugin id and point; the audit warns and completes as without it', async () => {
    const listed = await cli(['plugins', '--config', badManifest]);
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain('chronicle.ma-plan-policy 0.1.0: refused');
    expect(listed.stdout).toContain(
      '\n  error in contributes.rules: contributes.rules[0].severity: Invalid option: expected one of "error"|"warning"|"info"\n',
    );
    const r = await auditJson(badManifest);
    expect(r.stderr).toMatch(/^Plugin problem: chronicle\.ma-plan-policy contributes\.rules: /);
    const expected = await auditJson(plain);
    expect(r.code).toBe(expected.code);
    expect(r.report).toEqual(expected.report);
  });

  it('(b) a rule that throws: the audit warns, gives RULE-FAILED naming plugin and rule, and keeps every other finding', async () => {
    const listed = await cli(['plugins', '--config', throwing]);
    // A rule's failure shows only when it runs: the plugin itself loads.
    expect(listed.stdout).toContain('chronicle.ma-plan-policy 0.1.0: active');
    const r = await auditJson(throwing);
    expect(r.stderr).toBe(
      `Plugin problem: chronicle.ma-plan-policy contributes.rules (warning): rule ${REVIEW} threw on 2 months (review table missing); each has a RULE-FAILED finding to review by hand\n`,
    );
    const expected = (await auditJson(good)).report;
    for (const patient of ['p-1', 'p-2']) {
      const got = findings(r.report, patient);
      expect(got.filter((f) => f.ruleId === 'RULE-FAILED')).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: `Rule ${REVIEW} of plugin chronicle.ma-plan-policy could not check this month; review it by hand.`,
          evidence: {
            rule: REVIEW,
            plugin: 'chronicle.ma-plan-policy',
            error: 'review table missing',
          },
        }),
      ]);
      // Every other rule, the pack's other rule included, still ran on the month.
      expect(without(got, ['RULE-FAILED'])).toEqual(without(findings(expected, patient), [REVIEW]));
    }
    const html = await cli(['audit', 'd.json', '--config', throwing, '--format', 'html'], files);
    expect(html.stdout).toMatch(
      new RegExp(
        `<td>${REVIEW}</td>\\s*<td class="num">0</td>\\s*<td class="num">0</td>\\s*<td class="num">2</td>`,
      ),
    );
  });

  it('(c) an engines range that excludes this Chronicle: refused with the plugin id and point; the audit warns and completes as without it', async () => {
    const message =
      'engines.chronicle ">=2.0.0" does not include this Chronicle (0.1.0); use a version of the plugin made for it';
    const listed = await cli(['plugins', '--config', future]);
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain('chronicle.ma-plan-policy 0.1.0: refused\n');
    expect(listed.stdout).toContain(`\n  error in engines: ${message}\n`);
    const r = await auditJson(future);
    expect(r.stderr).toBe(`Plugin problem: chronicle.ma-plan-policy engines: ${message}\n`);
    const expected = await auditJson(plain);
    expect(r.code).toBe(expected.code);
    expect(r.report).toEqual(expected.report);
  });
});

describe('the tutorial pack (docs/developer/first-rule-pack.md)', () => {
  const repo = join(import.meta.dirname, '../../..');
  const doc = readFileSync(join(repo, 'docs/developer/first-rule-pack.md'), 'utf8');
  // The tutorial's commands, run as written from the repository's root.
  const commands = [...doc.matchAll(/^pnpm chronicle (.+)$/gm)].map((m) =>
    (m[1] as string).split(' '),
  );
  const dataset = 'plugins/tutorial-pack/example-dataset.json';
  const tutorialFiles = { [dataset]: readFileSync(join(repo, dataset), 'utf8') };

  it('lists its pack active, as step 7 says', async () => {
    const listing = commands.find((c) => c[0] === 'plugins') as string[];
    const r = await cli(listing, tutorialFiles, { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('acme.contacts 1.0.0: active\n');
    expect(r.stdout).toContain('  rules: acme/SINGLE-CONTACT\n');
  });

  it('audits with it, and the report shows the finding as step 7 says', async () => {
    const auditing = commands.find((c) => c[0] === 'audit') as string[];
    expect(auditing).toContain('--config');
    const r = await cli(auditing, tutorialFiles, { cwd: repo });
    expect(r.stderr).toBe('');
    const page = r.written.get('report.html') as string;
    const byRule = page.slice(page.indexOf('id="by-rule"'), page.indexOf('id="by-practitioner"'));
    expect(byRule).toMatch(
      /<td><code>acme\/SINGLE-CONTACT<\/code><\/td>\s*<td>\s*<span class="badge warning">warning<\/span>\s*<\/td>\s*<td class="num">1<\/td>/,
    );
    expect(byRule).toContain(
      'A billed CCM month whose countable minutes come from a single contact.',
    );
    expect(byRule).toContain('Nothing to refund: Medicare pays for the minutes');
    expect(byRule).toContain('href="https://example.org/acme/ccm-contact-policy"');
    const evidence = page.slice(page.indexOf('id="flagged"'));
    expect(evidence).toContain('p-1 · 2026-10');
    expect(evidence).toContain(
      'The CCM minutes of 2026-10 come from a single contact; the practice asks for two or more a month.',
    );
    expect(evidence).toMatch(/<dt>timeEntryIds<\/dt>\s*<dd>\[&quot;t-1&quot;\]<\/dd>/);
  });
});
