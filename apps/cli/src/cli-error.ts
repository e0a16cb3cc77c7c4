/** Exit codes of every command: 0 clean, 1 error findings, 2 could not run. */
export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;

/** A reason the command could not run; each problem is printed on its own line. */
export class CliError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
