import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '@chronicle/dataset';

// Every log line the server tests make is kept in one folder for the run, beside the
// patient data those tests loaded; at the end of the run, check-logs.ts reads them all
// and fails the run if any line holds a patient's name, MBI or birth date.

export const LOG_DIR = join(import.meta.dirname, '../../.test-logs');

export function keepLogLine(text: string): void {
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(join(LOG_DIR, `${process.pid}.ndjson`), text.endsWith('\n') ? text : `${text}\n`);
}

/** The identifying values of a dataset's patients that no log may hold. */
export function keepPatientData(dataset: Dataset): void {
  mkdirSync(LOG_DIR, { recursive: true });
  const values = dataset.patients.flatMap((p) => [
    `${p.name.given} ${p.name.family}`,
    p.name.family,
    p.birthDate,
    ...(p.mbi ? [p.mbi] : []),
  ]);
  appendFileSync(join(LOG_DIR, `${process.pid}.phi`), `${values.join('\n')}\n`);
}
