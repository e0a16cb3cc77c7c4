import {
  BUNDLES,
  calculateRevenue,
  DEFAULT_MIX,
  revenueInputSchema,
  type Bundle,
} from '@chronicle/rules';
import { z } from 'zod';
import { procedure, router } from '../trpc.js';

// The revenue calculator of `chronicle revenue`: a program's size and code mix in, monthly
// and yearly revenue at national Medicare amounts out, each split into Medicare's 80% and
// the patient's 20%. The rules core computes it; what is left out unsaid takes the
// command's defaults.

const bundle = z.enum(Object.keys(BUNDLES) as [Bundle, ...Bundle[]]);

const calculateInput = z.strictObject({
  year: z.number().int(),
  patients: z.number().int(),
  enrollmentRate: z.number().default(0.5),
  mix: z.partialRecord(bundle, z.number()).default(DEFAULT_MIX),
  setting: z.enum(['non-facility', 'facility']).default('non-facility'),
});

export const revenueRouter = router({
  calculate: procedure('revenue.read')
    .input(calculateInput)
    // The calculator's own schema has the ranges and the mix's sum; its problems name fields.
    .query(({ input }) => calculateRevenue(revenueInputSchema.parse(input))),
});
