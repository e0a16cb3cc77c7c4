import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideAudit, type AuditRun } from '../dependency-audit.js';

// The CI dependency audit's decision: high or critical advisories in production
// dependencies fail and are listed, lower ones pass, an advisory service that cannot be
// reached passes with a line saying the audit was not performed (or fails when
// CHRONICLE_REQUIRE_DEPENDENCY_AUDIT=1), and any other failure of pnpm fails. The
// fixtures are real runs of `pnpm audit --prod --audit-level high --json` (pnpm 12.21.0):
// against registry.npmjs.org, whose advisory endpoint answers 405 on this network; against
// a closed port; without a lockfile; and against a local stand-in advisory endpoint that
// reported the made-up advisories "GHSA-test-*" on express, zod and pino.

const root = join(import.meta.dirname, '../..');
const fixture = (name: string) =>
  join(import.meta.dirname, 'fixtures/dependency-audit', `${name}.json`);
const captured = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as AuditRun;

describe('the dependency audit decision', () => {
  it.each([
    [
      'clean',
      0,
      /^dependency audit: no high or critical advisories .*\(0 critical, 0 high, 0 moderate/,
    ],
    ['moderate-only', 0, /^dependency audit: no high or critical advisories .*1 moderate/],
    ['high', 1, /^dependency audit: high or critical advisories .*1 high/],
    [
      'critical-moderate-low',
      1,
      /^dependency audit: high or critical .*1 critical, 0 high, 1 moderate, 1 low/,
    ],
    [
      'service-answered-405',
      0,
      /^dependency audit not performed: the advisory service answered 405$/,
    ],
    [
      'connection-refused',
      0,
      /^dependency audit not performed: the advisory service could not be reached: Connection refused/,
    ],
    ['no-lockfile', 1, /^dependency audit failed: pnpm audit exited with 1 and printed no report$/],
  ])('%s: exits %i', (name, exitCode, firstLine) => {
    const decision = decideAudit(captured(name), { requireAudit: false });
    expect(decision.exitCode).toBe(exitCode);
    expect(decision.lines[0]).toMatch(firstLine);
  });

  it('lists each high or critical advisory with its package, version, fix and link, and no lower one', () => {
    const { lines } = decideAudit(captured('critical-moderate-low'), { requireAudit: false });
    expect(lines.slice(1)).toEqual([
      '  critical zod@4.6.7: Test critical in zod (vulnerable <99.0.0, fixed in >=99.0.0), via packages__api>zod https://github.com/advisories/GHSA-test-1002',
    ]);
    expect(decideAudit(captured('high'), { requireAudit: false }).lines.slice(1)).toEqual([
      '  high express@5.3.0: Test advisory in express (vulnerable <99.0.0, fixed in >=99.0.0), via apps__server>express https://github.com/advisories/GHSA-test-1001',
    ]);
  });

  it('fails on a count of high advisories even when the report lists none of them', () => {
    // pnpm lists only advisories at the audit level; the counts cover every severity.
    const run = captured('clean');
    const report = JSON.parse(run.stdout);
    report.metadata.vulnerabilities.high = 2;
    const decision = decideAudit(
      { ...run, stdout: JSON.stringify(report) },
      { requireAudit: false },
    );
    expect(decision).toEqual({
      exitCode: 1,
      lines: [
        'dependency audit: high or critical advisories in production dependencies (0 critical, 2 high, 0 moderate, 0 low, 0 info)',
      ],
    });
  });

  it.each(['service-answered-405', 'connection-refused'])(
    '%s: fails when the audit is required',
    (name) => {
      const decision = decideAudit(captured(name), { requireAudit: true });
      expect(decision.exitCode).toBe(1);
      expect(decision.lines).toEqual([
        expect.stringMatching(/^dependency audit not performed: /),
        'CHRONICLE_REQUIRE_DEPENDENCY_AUDIT=1: the audit is required',
      ]);
    },
  );

  it('does not take output that is no report, nor an unknown error, for a clean audit', () => {
    for (const stdout of ['', 'null', '{"advisories":{}}', '[]', 'Done'])
      expect(decideAudit({ status: 0, stdout, stderr: '' }, { requireAudit: false }).exitCode).toBe(
        1,
      );
  });
});

describe('scripts/audit-deps.sh', () => {
  const run = (name: string, env: Record<string, string> = {}) =>
    spawnSync('bash', [join(root, 'scripts/audit-deps.sh')], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        CHRONICLE_REQUIRE_DEPENDENCY_AUDIT: '',
        CHRONICLE_AUDIT_CAPTURED: fixture(name),
        ...env,
      },
    });

  it('exits with the decision and prints its lines', () => {
    const unreachable = run('service-answered-405');
    expect([unreachable.status, unreachable.stdout]).toEqual([
      0,
      'dependency audit not performed: the advisory service answered 405\n',
    ]);
    expect(run('service-answered-405', { CHRONICLE_REQUIRE_DEPENDENCY_AUDIT: '1' }).status).toBe(1);
    const high = run('high');
    expect(high.status).toBe(1);
    expect(high.stdout).toContain('high express@5.3.0');
    expect(run('clean').status).toBe(0);
  });
});
