// What a `pnpm audit --prod --audit-level high --json` run means for CI (scripts/audit-deps.sh
// runs pnpm and hands its output here): high or critical advisories in production
// dependencies fail the build, each listed; an advisory service that cannot be reached (it
// answered an error status, or the network failed) is said plainly and passes, unless
// CHRONICLE_REQUIRE_DEPENDENCY_AUDIT=1 asks for the audit to be required; any other
// failure of pnpm fails, so that a broken audit never passes for a clean one.
import { readFileSync } from 'node:fs';

/** One run of pnpm audit, as captured: what it printed and its exit status. */
export interface AuditRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface AuditDecision {
  exitCode: 0 | 1;
  lines: string[];
}

const FAILING = ['critical', 'high'] as const;
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;

interface Advisory {
  module_name?: string;
  severity?: string;
  title?: string;
  url?: string;
  vulnerable_versions?: string;
  patched_versions?: string | null;
  findings?: Array<{ version?: string; paths?: string[] }>;
}

interface AuditReport {
  advisories: Record<string, Advisory>;
  metadata: { vulnerabilities: Record<string, number>; totalDependencies?: number };
}

export function decideAudit(run: AuditRun, options: { requireAudit: boolean }): AuditDecision {
  const report = parseReport(run.stdout);
  if (report) return judgeReport(report);
  const unreachable = serviceUnreachable(run.stderr);
  if (unreachable) {
    const line = `dependency audit not performed: the advisory service ${unreachable}`;
    return options.requireAudit
      ? {
          exitCode: 1,
          lines: [line, 'CHRONICLE_REQUIRE_DEPENDENCY_AUDIT=1: the audit is required'],
        }
      : { exitCode: 0, lines: [line] };
  }
  return {
    exitCode: 1,
    lines: [
      `dependency audit failed: pnpm audit exited with ${run.status} and printed no report`,
      ...plain(run.stderr)
        .split('\n')
        .filter((l) => l.trim() !== ''),
    ],
  };
}

function parseReport(stdout: string): AuditReport | undefined {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const report = value as Partial<AuditReport> | null;
  if (
    typeof report?.advisories !== 'object' ||
    report.advisories === null ||
    typeof report.metadata?.vulnerabilities !== 'object'
  )
    return undefined;
  return report as AuditReport;
}

function judgeReport(report: AuditReport): AuditDecision {
  const counts = report.metadata.vulnerabilities;
  const summary = SEVERITIES.map((s) => `${counts[s] ?? 0} ${s}`).join(', ');
  const failing = Object.values(report.advisories)
    .filter((a) => (FAILING as readonly string[]).includes(a.severity ?? ''))
    .sort((a, b) => FAILING.indexOf(a.severity as never) - FAILING.indexOf(b.severity as never));
  const counted = FAILING.reduce((n, s) => n + (counts[s] ?? 0), 0);
  if (failing.length === 0 && counted === 0)
    return {
      exitCode: 0,
      lines: [
        `dependency audit: no high or critical advisories in production dependencies (${summary})`,
      ],
    };
  return {
    exitCode: 1,
    lines: [
      `dependency audit: high or critical advisories in production dependencies (${summary})`,
      ...failing.map(describe),
    ],
  };
}

function describe(a: Advisory): string {
  const versions = [...new Set((a.findings ?? []).map((f) => f.version).filter(Boolean))];
  const via = (a.findings ?? []).flatMap((f) => f.paths ?? [])[0];
  return (
    `  ${a.severity} ${a.module_name}@${versions.join(',') || '?'}: ${a.title ?? 'untitled'}` +
    ` (vulnerable ${a.vulnerable_versions ?? '?'}, fixed in ${a.patched_versions ?? 'no release yet'})` +
    `${via ? `, via ${via}` : ''}${a.url ? ` ${a.url}` : ''}`
  );
}

/** How the advisory service failed, when that is why there is no report. */
function serviceUnreachable(stderr: string): string | undefined {
  const text = plain(stderr);
  if (!/ERR_PNPM_AUDIT_(BAD_RESPONSE|ENDPOINT_NOT_EXISTS)/.test(text)) return undefined;
  const flat = text.replace(/\s+/g, ' ');
  const status = /responded with (\d{3})/.exec(flat)?.[1];
  if (status) return `answered ${status}`;
  // The innermost cause of a failed request is its last line ("Connection refused", a DNS error).
  const cause = text
    .split('\n')
    .map((l) => l.replace(/^[\s│├╰─▶×]+/u, '').trim())
    .filter((l) => l !== '')
    .at(-1);
  return `could not be reached${cause ? `: ${cause}` : ''}`;
}

/** The text without colours. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** `<stdout file> <stderr file> <exit status>` of a run, or `--captured <file>` holding an AuditRun. */
function readRun(args: string[]): AuditRun | undefined {
  if (args[0] === '--captured' && args[1] !== undefined)
    return JSON.parse(readFileSync(args[1], 'utf8')) as AuditRun;
  const [stdoutFile, stderrFile, status] = args;
  if (stdoutFile === undefined || stderrFile === undefined || status === undefined)
    return undefined;
  return {
    status: Number(status),
    stdout: readFileSync(stdoutFile, 'utf8'),
    stderr: readFileSync(stderrFile, 'utf8'),
  };
}

function main(args: string[]): void {
  const run = readRun(args);
  if (!run) {
    console.error(
      'usage: dependency-audit.ts <stdout file> <stderr file> <exit status> | --captured <file>',
    );
    process.exit(2);
  }
  const decision = decideAudit(run, {
    requireAudit: process.env.CHRONICLE_REQUIRE_DEPENDENCY_AUDIT === '1',
  });
  for (const line of decision.lines) console.log(line);
  process.exitCode = decision.exitCode;
}

if (import.meta.filename === process.argv[1]) main(process.argv.slice(2));
