import { formatProblem, parseDatasetJson, type Dataset } from '@chronicle/dataset';
import { policySchema, type Policy } from '@chronicle/rules';
import { CliError } from './cli-error.js';
import type { Io } from './io.js';

export async function readInput(io: Io, path: string): Promise<string> {
  try {
    return await io.read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError([`${path}: cannot read the file${code ? ` (${code})` : ''}`]);
  }
}

/** Reads and validates a dataset; every problem is reported as `path: message`. */
export async function loadDataset(io: Io, path: string): Promise<Dataset> {
  const parsed = parseDatasetJson(await readInput(io, path));
  if (!parsed.ok) throw new CliError(parsed.problems.map(formatProblem));
  return parsed.value;
}

export async function loadPolicy(io: Io, path: string | undefined): Promise<Policy | undefined> {
  if (path === undefined) return undefined;
  const text = await readInput(io, path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError([`${path}: not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(
      parsed.error.issues.map((i) => `policy.${i.path.join('.') || '(document)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Writes to `--out FILE`, or to standard output. */
export async function emit(io: Io, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) io.stdout(text);
  else await io.write(out, text);
}
