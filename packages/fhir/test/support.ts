import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Practice } from '@chronicle/dataset';

export const fixtures = join(import.meta.dirname, '../../../fixtures');

/** The JSON files of a folder of fixtures/fhir, parsed, in name order. */
export function fhirFixtures(folder: string, names?: string[]): unknown[] {
  const dir = join(fixtures, 'fhir', folder);
  return (
    names ??
    readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
  ).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as unknown);
}

/** The datasets of the worked examples (the files wrap them with the expected outcome). */
export function exampleDatasets(): Array<[string, unknown]> {
  const dir = join(fixtures, 'examples');
  return readdirSync(dir)
    .sort()
    .map((n) => [
      n,
      (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { dataset: unknown }).dataset,
    ]);
}

// The Synthea and US Core patients live in Massachusetts and Oklahoma; one Eastern practice
// is enough for the tests, whose dates are chosen clear of midnight unless they say so.
export const PRACTICE: Practice = {
  id: 'pr-fhir',
  name: 'FHIR test practice',
  timezone: 'America/New_York',
  setting: 'office',
};
