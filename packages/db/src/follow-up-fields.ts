import { z } from 'zod';

// The input fields the follow-up of an audit shares. Strings refuse the NUL character,
// which JSON allows but PostgreSQL's text cannot store: refused here, it never reaches a
// query as an internal error.

const storable = (s: string) => !s.includes('\u0000');
const NUL = 'contains the NUL character (\\u0000), which cannot be stored';

export const idField = z.string().min(1, 'is required').max(200).refine(storable, NUL);

/** Free text up to `max` characters. */
export const textField = (max: number) => z.string().max(max).refine(storable, NUL);

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export const dateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'is not a day of the calendar');

export const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const expectedVersionField = z.number().int().min(1, 'must be the version read (1 or more)');

/** Who calls, and the server's clock (the repositories never read one of their own). */
export interface FollowUpCaller {
  orgId: string;
  actor: string;
  now: Date;
}
