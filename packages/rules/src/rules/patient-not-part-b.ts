import type { Coverage } from '@chronicle/dataset';
import { isAuditedCode } from '../codes/code-catalogue.js';
import type { BilledLine } from '../engine/month-context.js';
import { defineRule } from '../engine/rule.js';

const coversDate = (c: Coverage, date: string): boolean =>
  c.start <= date && (c.end === undefined || c.end >= date);

function partBOn(coverage: readonly Coverage[], date: string): boolean {
  for (const c of coverage) if (c.kind === 'medicare-part-b' && coversDate(c, date)) return true;
  return false;
}

function billsCareManagement(lines: readonly BilledLine[], claimId: string): boolean {
  for (const l of lines) if (l.claimId === claimId && isAuditedCode(l.code)) return true;
  return false;
}

export const patientNotPartB = defineRule({
  meta: {
    id: 'PATIENT-NOT-PART-B',
    severity: 'warning',
    years: { from: 2015 },
    sources: ['REGENCE-MA', 'CMS-CCM-PAGE'],
    description:
      'The patient has no Medicare Part B coverage on the date of service (for example Medicare Advantage: payer rules apply).',
    messages: {
      other:
        "Claim {claimId} is dated {dateOfService}, when the patient's coverage was {coverageKinds} but not Medicare Part B; check the payer's own care-management policy.",
      none: 'Claim {claimId} is dated {dateOfService}, when no coverage is recorded for the patient; confirm Medicare Part B eligibility before billing.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: "The catalogue encodes Medicare Part B fee-for-service policy. Medicare Advantage and other payers set their own rules, which often copy CMS but not always; a month billed to them needs the payer's policy checked.",
      fail: 'A month whose only coverage on the date of service is Medicare Advantage.',
      pass: 'A month with Part B coverage that started years before and has no end.',
      blindSpots:
        "Coverage is read from the dataset's coverage periods (start and end dates inclusive) on each claim's date of service; the claim's payer is not recorded, so a Part B patient billed to another payer is not seen.",
      correctiveAction:
        "Verify the patient's coverage on the date of service: if Medicare Part B was in force, correct the coverage record; if another payer (for example a Medicare Advantage plan) covered the patient, check the claim against that payer's care-management policy and correct, void or refund it through that payer's process. Verify each patient's coverage before the month is billed.",
    },
  },
  check(ctx, report) {
    // Each claim carrying a care-management code is read on its own date: coverage can
    // change between two claims of one month.
    for (const claim of ctx.claims) {
      if (!billsCareManagement(ctx.lines, claim.id)) continue;
      const dos = claim.dateOfService;
      if (partBOn(ctx.patient.coverage, dos)) continue;
      const current = ctx.patient.coverage.filter((c) => coversDate(c, dos));
      const kinds = [...new Set(current.map((c) => c.kind))];
      report({
        messageId: kinds.length > 0 ? 'other' : 'none',
        data: { claimId: claim.id, dateOfService: dos, coverageKinds: kinds.join(', ') },
        evidence: { claimId: claim.id, coverageKindsOnDate: kinds },
      });
    }
  },
});
