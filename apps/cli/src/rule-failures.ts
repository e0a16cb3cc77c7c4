import { formatPluginProblem } from '@chronicle/plugin-api/host';
import type { AuditedMonth } from '@chronicle/rules';
import type { Io } from './io.js';

// A plugin rule that throws does not stop an audit: each month it could not check gets a
// RULE-FAILED finding in the report. The CLI also says so on standard error, once per
// rule, as it reports the plugins' other problems, so that a run whose report nobody
// reads closely still shows that one of its rules did not check anything.

interface Failure {
  plugin: string;
  rule: string;
  months: number;
  /** The first error message, as the finding's evidence gives it. */
  error: string;
}

/** Counts the RULE-FAILED findings of plugin rules, month by month as they come. */
export class RuleFailures {
  #failures = new Map<string, Failure>();

  add(months: readonly AuditedMonth[]): void {
    for (const month of months)
      for (const finding of month.findings) {
        if (finding.ruleId !== 'RULE-FAILED') continue;
        const { plugin, rule, error } = finding.evidence as Record<string, unknown>;
        if (typeof plugin !== 'string' || typeof rule !== 'string') continue;
        const key = `${plugin}\u0000${rule}`;
        const failure = this.#failures.get(key);
        if (failure) failure.months += 1;
        else this.#failures.set(key, { plugin, rule, months: 1, error: String(error ?? '') });
      }
  }

  /** Prints the warnings for the months of a finished report. */
  static print(io: Io, months: readonly AuditedMonth[]): void {
    const failures = new RuleFailures();
    failures.add(months);
    failures.print(io);
  }

  /** Prints one warning per failing rule, in the order first seen. */
  print(io: Io): void {
    for (const f of this.#failures.values())
      io.stderr(
        `Plugin problem: ${formatPluginProblem({
          plugin: f.plugin,
          point: 'contributes.rules',
          severity: 'warning',
          message: `rule ${f.rule} threw on ${f.months} month${f.months === 1 ? '' : 's'} (${f.error}); each has a RULE-FAILED finding to review by hand`,
        })}\n`,
      );
  }
}
