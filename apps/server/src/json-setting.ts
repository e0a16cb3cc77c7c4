import { z } from 'zod';

/**
 * A setting holding a JSON array, read from the environment and checked item by item:
 * empty or unset is no items; bad JSON, or an item the schema refuses, stops start-up
 * with each problem named by its place in the list (`SETTING.0.issuer: ...`).
 */
export function jsonListSetting<T>(items: z.ZodType<T[]>, noun: string) {
  return z
    .string()
    .optional()
    .transform((text, ctx): T[] => {
      if (text === undefined || text.trim() === '') return [];
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be a JSON array of ${noun}` });
        return z.NEVER;
      }
      const parsed = items.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues)
        ctx.addIssue({
          code: 'custom',
          path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: issue.message,
        });
      return z.NEVER;
    });
}
