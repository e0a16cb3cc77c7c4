import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset, type Dataset } from '@chronicle/dataset';
import { describe, expect, it } from 'vitest';
import {
  audit,
  auditReportSchema,
  billingProposalSchema,
  proposeBilling,
  type Verdict,
} from '../src/index.js';

// The worked cases of the product spec (fixtures/examples): each names the rules that
// must and must not fire, or the lines a month's documentation must propose.

interface AuditExpect {
  command: 'audit';
  months: Array<{
    patientId: string;
    month: string;
    mustFire: string[];
    mustNotFire: string[];
    verdict?: Verdict;
  }>;
}
interface BillExpect {
  command: 'bill';
  month: string;
  patients: Array<{
    patientId: string;
    lines: Array<{ code: string; units: number }>;
    blockers?: string[];
  }>;
}
interface Example {
  description: string;
  dataset: unknown;
  expect: AuditExpect | BillExpect;
}

const dir = join(import.meta.dirname, '../../../fixtures/examples');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): { example: Example; dataset: Dataset } {
  const example = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Example;
  const parsed = parseDataset(example.dataset);
  if (!parsed.ok) throw new Error(`${file}: invalid dataset`);
  return { example, dataset: parsed.value };
}

const rank: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 };

describe('worked examples', () => {
  it('covers every example file', () => expect(examples.length).toBeGreaterThanOrEqual(6));

  it.each(examples)('%s', (file) => {
    const { example, dataset } = load(file);
    const expectation = example.expect;
    if (expectation.command === 'audit') {
      const report = auditReportSchema.parse(audit(dataset));
      for (const want of expectation.months) {
        const months = report.months.filter(
          (m) => m.patientId === want.patientId && m.month === want.month,
        );
        expect(months.length, `${want.patientId} ${want.month} audited`).toBeGreaterThan(0);
        const fired = new Set(months.flatMap((m) => m.findings.map((f) => f.ruleId)));
        for (const id of want.mustFire) expect(fired, `${id} must fire`).toContain(id);
        for (const id of want.mustNotFire) expect(fired, `${id} must not fire`).not.toContain(id);
        if (want.verdict) {
          const worst = months.map((m) => m.verdict).sort((a, b) => rank[b] - rank[a])[0];
          expect(
            worst,
            JSON.stringify(
              months.flatMap((m) => m.findings),
              null,
              1,
            ),
          ).toBe(want.verdict);
        }
      }
    } else {
      const proposal = billingProposalSchema.parse(proposeBilling(dataset, expectation.month));
      for (const want of expectation.patients) {
        const got = proposal.patients.find((p) => p.patientId === want.patientId);
        expect(got, `${want.patientId} proposed`).toBeDefined();
        const sort = (l: Array<{ code: string; units: number }>) =>
          [...l].sort((a, b) => a.code.localeCompare(b.code));
        expect(sort(got?.lines ?? [])).toEqual(sort(want.lines));
        const blockers = new Set(got?.blockers.map((b) => b.ruleId));
        for (const id of want.blockers ?? []) expect(blockers).toContain(id);
      }
    }
  });
});
