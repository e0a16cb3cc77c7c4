// Problems are collected per plugin and per point, as VS Code's ExtensionMessageCollector
// tags each message with the extension and the extension point: a listing can then say
// exactly which plugin, and which part of it, is wrong.

/**
 * Where in a plugin a problem lies: the manifest as a whole, one of its fields, one
 * contribution point (`contributes.rules`), or a step of its life (`main`, `activate`,
 * `deactivate`), or a call to the API that was refused (`api`).
 */
export type ProblemPoint =
  | 'manifest'
  | 'engines'
  | 'activationEvents'
  | `contributes.${string}`
  | 'main'
  | 'activate'
  | 'deactivate'
  | 'api';

/** One problem of one plugin. Errors refuse or fail the plugin; warnings only inform. */
export interface PluginProblem {
  /** The plugin's id, or where it was found when its manifest gives no usable id. */
  plugin: string;
  point: ProblemPoint;
  severity: 'error' | 'warning';
  message: string;
}

/** `plugin point: message`, as the CLI prints a problem. */
export function formatPluginProblem(problem: PluginProblem): string {
  const tag = problem.severity === 'warning' ? ' (warning)' : '';
  return `${problem.plugin} ${problem.point}${tag}: ${problem.message}`;
}

/** Collects the problems of one plugin. */
export class ProblemCollector {
  /** The problems collected, in order. */
  readonly problems: PluginProblem[] = [];
  /** @param plugin the id the problems are filed under */
  constructor(public plugin: string) {}

  /** Records an error: the plugin is refused, failed, or the call refused. */
  error(point: ProblemPoint, message: string): void {
    this.problems.push({ plugin: this.plugin, point, severity: 'error', message });
  }

  /** Records a warning: the plugin goes on. */
  warn(point: ProblemPoint, message: string): void {
    this.problems.push({ plugin: this.plugin, point, severity: 'warning', message });
  }

  /** True when an error has been collected. */
  get failed(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

/** The message of a thrown value (plugins may throw anything). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
