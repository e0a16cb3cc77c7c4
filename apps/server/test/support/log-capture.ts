import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '@chronicle/dataset';
import { inject } from 'vitest';

// Every log line the server tests make is kept in one folder for the run, beside the
// patient data those tests loaded; at the end of the run, check-logs.ts reads them all
// and fails the run if any line holds a patient's name, MBI or birth date. The folder is
// the run's own (given by the global setup), so runs side by side do not mix.

declare module 'vitest' {
  export interface ProvidedContext {
    serverLogDir: string;
  }
}

function logDir(): string {
  const dir = inject('serverLogDir');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function keepLogLine(text: string): void {
  appendFileSync(join(logDir(), `${process.pid}.ndjson`), text.endsWith('\n') ? text : `${text}\n`);
}

/** The identifying values of a dataset's patients that no log may hold. */
export function keepPatientData(dataset: Dataset): void {
  const values = dataset.patients.flatMap((p) => [
    `${p.name.given} ${p.name.family}`,
    p.name.family,
    p.birthDate,
    ...(p.mbi ? [p.mbi] : []),
  ]);
  appendFileSync(join(logDir(), `${process.pid}.phi`), `${values.join('\n')}\n`);
}
