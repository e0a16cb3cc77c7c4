import { COVERAGE_KINDS } from '@chronicle/dataset';
import type { PolicyValues } from '@chronicle/plugin-api';
import { z } from 'zod';

// The pack's policy options (the `policies` contribution "ma-plan.policy"): the defaults
// are registered with the host, chronicle.config.json may change them, and the values in
// force are checked here once, when the plugin is activated. A bad value fails the plugin
// with a message naming the option, rather than changing what a rule checks unnoticed.

export const POLICY_ID = 'ma-plan.policy';

export const planPolicySchema = z.strictObject({
  reviewIntervalDays: z
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(366, 'must be at most 366 days')
    .describe(
      'Days before a CCM date of service within which the care plan must have been established, revised or reviewed.',
    ),
  coverageKinds: z
    .array(z.enum(COVERAGE_KINDS))
    .min(1, 'must list at least one coverage kind')
    .describe(
      "The coverage kinds that make a patient the plan's member on a date of service; the plan's rules pass every other month.",
    ),
});

export type PlanPolicy = z.infer<typeof planPolicySchema>;

export const DEFAULT_PLAN_POLICY: Readonly<PlanPolicy> = Object.freeze({
  reviewIntervalDays: 90,
  coverageKinds: ['medicare-advantage' as const],
});

/** The values in force, checked; throws an Error naming each bad option. */
export function parsePlanPolicy(values: PolicyValues | undefined): PlanPolicy {
  const parsed = planPolicySchema.safeParse(values ?? DEFAULT_PLAN_POLICY);
  if (parsed.success) return parsed.data;
  throw new Error(
    `policy ${POLICY_ID}: ${parsed.error.issues
      .map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`)
      .join('; ')}`,
  );
}
