import { codeDefinition, inForce, type CodeDefinition } from '../codes/code-catalogue.js';
import type { BilledLine } from '../engine/month-context.js';
import { defineRule } from '../engine/rule.js';
import { claimIdsOf, unitsByCode } from './support/same-month.js';

const RHC_SETTINGS = ['rhc', 'fqhc'];

export const codeNotEffective = defineRule({
  meta: {
    id: 'CODE-NOT-EFFECTIVE',
    severity: 'error',
    // "All years": 2013 is the first year any code of the catalogue existed (99487-99489 in
    // CPT), so every earlier claim for one of them is out of its window as well.
    years: { from: 2013 },
    sources: [
      'CMS-CCM-PAGE',
      'NGS-CM',
      'AAFP-2020',
      'REGENCE-2021',
      'NIXON-2022',
      'NIXON-PCM-2020',
      'AAFP-APCM',
      'CODINGINTEL-RHC',
      'PREV-G0511',
    ],
    description:
      'A code is billed outside the service years in which Medicare pays it, or G0511 by a practice that is not an RHC or FQHC.',
    messages: {
      outside:
        '{code} is billed for {dateOfService}, but Medicare pays it only for dates of service {window}.',
      rhcOnly:
        'G0511 is billable only by a rural health clinic or FQHC; this practice is set up as {setting}.',
    },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    policy: ['g0511TransitionEnd'],
    docs: {
      why: 'Each care-management code has years in which Medicare pays it: G2058 in 2020 only, 99439 from 2021, 99487 and 99489 (separately paid) from 2017, 99491 from 2019, 99437 and 99424-99427 from 2022, G2064 and G2065 in 2020-2021, G0506 from 2017, APCM G0556-G0558 from 2025. G0511 is the RHC/FQHC care-management code from 2018 until the transition end (the g0511TransitionEnd policy option: 30 June or 30 September 2025). A code billed outside its window is not payable.',
      fail: '99439 billed with 99490 for a March 2020 month (G2058 was the add-on in 2020).',
      pass: 'G2058 billed with 99490 for the same March 2020 month.',
      blindSpots:
        'G0511 billed by an RHC or FQHC after the transition end is reported by RHC-CODE-ERA, which also names the codes to bill instead; this rule reports G0511 only before 2018 or from a practice of another setting. Each line is judged by its own date of service.',
      correctiveAction:
        "Correct the claim to the code in force on the date of service (for example G2058 in 2020, 99439 from 2021; G0511 only from an RHC or FQHC, other practices bill the individual codes), or void it, and report and refund any amount paid in error within 60 days of identifying it. Update the billing system's code list each January from the Physician Fee Schedule final rule, and check each code against its date of service before submitting.",
    },
  },
  check(ctx, report) {
    const rhc = RHC_SETTINGS.includes(ctx.practice.setting);
    // Both made only when a line is out of its window: most months have none.
    let outside:
      Map<string, { def: CodeDefinition; first: BilledLine; lines: BilledLine[] }> | undefined;
    let notRhc: BilledLine[] | undefined;
    for (const line of ctx.lines) {
      const def = codeDefinition(line.code);
      if (!def) continue;
      if (def.code === 'G0511' && !rhc) {
        (notRhc ??= []).push(line);
        continue;
      }
      if (inForce(def, line.dateOfService, ctx.policy.g0511TransitionEnd)) continue;
      if (def.code === 'G0511' && ctx.year >= def.from) continue; // RHC-CODE-ERA's case
      outside ??= new Map();
      const entry = outside.get(def.code) ?? { def, first: line, lines: [] };
      entry.lines.push(line);
      outside.set(def.code, entry);
    }
    if (outside !== undefined)
      for (const { def, lines, first } of outside.values()) {
        report({
          messageId: 'outside',
          data: {
            code: def.code,
            dateOfService: first.dateOfService,
            window: windowOf(def, ctx.policy.g0511TransitionEnd),
          },
          evidence: {
            claimIds: claimIdsOf(lines),
            from: def.from,
            ...(def.to !== undefined ? { to: def.to } : {}),
          },
          atRisk: unitsByCode(lines),
        });
      }
    if (notRhc !== undefined) {
      report({
        messageId: 'rhcOnly',
        data: { setting: ctx.practice.setting },
        evidence: { claimIds: claimIdsOf(notRhc) },
        atRisk: unitsByCode(notRhc),
      });
    }
  },
});

function windowOf(def: CodeDefinition, g0511TransitionEnd: string): string {
  if (def.code === 'G0511') return `from ${def.from} to ${g0511TransitionEnd}`;
  if (def.to === undefined) return `from ${def.from} on`;
  return def.to === def.from ? `in ${def.from} only` : `from ${def.from} to ${def.to}`;
}
