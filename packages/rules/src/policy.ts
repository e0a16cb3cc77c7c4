import { z } from 'zod';

// Where CMS sources disagree a rule reads one of these options. The defaults are the
// documented ones (spec/rules.md, "Policy options"); every report states what it ran with.

const cap = z.number().int().min(1).nullable();

export const policySchema = z.strictObject({
  addonCaps: z
    .strictObject({
      '99439': cap.default(2),
      G2058: cap.default(2),
      '99489': cap.default(null),
      '99437': cap.default(null),
      '99425': cap.default(null),
      '99427': cap.default(null),
    })
    .prefault({}),
  pcmWithCcmOtherPractitioner: z.enum(['allowed', 'warning', 'error']).default('allowed'),
  g0511TransitionEnd: z.enum(['2025-06-30', '2025-09-30']).default('2025-06-30'),
  dateOfService: z.enum(['threshold-or-later', 'month-end']).default('threshold-or-later'),
  faceToFaceStaffTimeCounts: z.boolean().default(true),
  consentRenewal: z.enum(['never', 'annual']).default('never'),
});

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

export type AddonCapCode = keyof Policy['addonCaps'];
