import { formatProblem, parseDataset, type Dataset } from '@chronicle/dataset';
import { policySchema, type Policy } from '@chronicle/rules';
import { CliError } from './cli-error.js';
import type { Io } from './io.js';
import { parseJsonInput } from './json-input.js';

/**
 * A file's text, or standard input's for `-`, without the byte order mark that Windows
 * editors and spreadsheet exports put at the start of UTF-8 files (JSON does not allow it).
 */
export async function readInput(io: Io, path: string): Promise<string> {
  let text: string;
  try {
    text = await io.read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError([`${path}: cannot read the file${code ? ` (${code})` : ''}`]);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Reads and validates a dataset; every problem is reported as `path: message`. The JSON is
 * parsed here rather than by parseDatasetJson so that a syntax error cannot echo the
 * patient data around it (see json-input.ts).
 */
export async function loadDataset(io: Io, path: string): Promise<Dataset> {
  const parsed = parseDataset(parseJsonInput('(document)', await readInput(io, path)));
  if (!parsed.ok) throw new CliError(parsed.problems.map(formatProblem));
  return parsed.value;
}

export async function loadPolicy(io: Io, path: string | undefined): Promise<Policy | undefined> {
  if (path === undefined) return undefined;
  const json = parseJsonInput('policy', await readInput(io, path));
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(
      parsed.error.issues.map((i) => `policy.${i.path.join('.') || '(document)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Writes to `--out FILE`, or to standard output. */
export async function emit(
  io: Io,
  text: string | Uint8Array,
  out: string | undefined,
): Promise<void> {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  try {
    await io.write(out, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError([`${out}: cannot write the file${code ? ` (${code})` : ''}`]);
  }
}
