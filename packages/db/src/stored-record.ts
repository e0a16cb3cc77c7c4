import type { Tx } from './tenant.js';

// What the readers of a stored practice share: where they read, and how a stored record
// comes back from its `data` column.

export interface PracticeScope {
  trx: Tx;
  orgId: string;
  practiceId: string;
}

/** The record a `data` column holds: both drivers parse jsonb; text is parsed here, as export does. */
export function recordOf(row: { data: unknown }): Record<string, unknown> {
  return (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<
    string,
    unknown
  >;
}
