import { errorMessage } from '../problems.js';
import type { PluginRecord } from './plugin-record.js';

// Code sets whose codes are in a file of the plugin folder: read through the source (the
// host itself does no I/O) when the plugin is activated.

/** Reads the code set files a manifest names, before activate may ask for their codes. */
export async function readCodeSetFiles(record: PluginRecord): Promise<void> {
  for (const set of record.manifest?.contributes.codeSets ?? []) {
    if (set.file === undefined || record.fileCodes.has(set.id)) continue;
    if (!record.source.readFile) {
      record.problems.error(
        'contributes.codeSets',
        `"${set.id}": the file ${set.file} cannot be read for a plugin given in-process`,
      );
      continue;
    }
    try {
      record.fileCodes.set(set.id, parseCodes(await record.source.readFile(set.file)));
    } catch (error) {
      record.problems.error(
        'contributes.codeSets',
        `"${set.id}": cannot read ${set.file}: ${errorMessage(error)}`,
      );
    }
  }
}

/** A JSON array of strings, or one code a line (blank lines and `#` comments skipped). */
export function parseCodes(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || parsed.some((c) => typeof c !== 'string' || c.trim() === ''))
      throw new Error('the JSON must be an array of non-empty strings');
    return (parsed as string[]).map((c) => c.trim());
  }
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
