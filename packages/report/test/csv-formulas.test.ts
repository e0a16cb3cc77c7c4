import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, renderAuditCsv, renderProposalCsv } from '../src/index.js';
import { proposal, report } from './sample-report.js';

// Issue 8: a cell a spreadsheet would run as a formula (= + - @, tab or carriage return at
// its start) is written with a quote before it, as the what-if CSV already did, in the
// audit CSV (every text cell: ids, codes, messages, evidence, sources) and in the billing
// proposal's ids. Ordinary cells are untouched (the golden files guard that).

/** RFC 4180 cells, rows of them (enough for what @fast-csv/format writes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  return rows;
}

const FORMULA = /^[=+\-@\t\r]/;
const formula = fc
  .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 12 }))
  .map(([head, rest]) => `${head}${rest}`);

describe('formulas in CSV cells', () => {
  it('writes a text cell of the audit CSV that starts like a formula after a quote, and keeps the rest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(formula, { minLength: 8, maxLength: 8 }), async (texts) => {
        const [patientId, practitioner, claimId, code, ruleId, message, source, month] = texts as [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
        ];
        const hostile = structuredClone(report);
        const m = hostile.months[0] as (typeof hostile.months)[number];
        const f = m.findings[0] as (typeof m.findings)[number];
        Object.assign(m, { patientId, billingPractitionerId: practitioner, claimIds: [claimId] });
        m.codes = [{ code, units: 1 }];
        Object.assign(f, { ruleId, message, sources: [source] });
        (hostile.months[1] as (typeof hostile.months)[number]).month = month;
        const rows = parseCsv(await renderAuditCsv(hostile));
        expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
        const cell = (row: number, column: (typeof AUDIT_CSV_COLUMNS)[number]) =>
          rows[row]?.[AUDIT_CSV_COLUMNS.indexOf(column)];
        // Month row, then its finding row; the second month's row after them.
        for (const row of [1, 2]) {
          expect(cell(row, 'patientId')).toBe(`'${patientId}`);
          expect(cell(row, 'billingPractitionerId')).toBe(`'${practitioner}`);
          expect(cell(row, 'claimIds')).toBe(`'${claimId}`);
          expect(cell(row, 'codes')).toBe(`'${code}`);
        }
        expect(cell(2, 'ruleId')).toBe(`'${ruleId}`);
        expect(cell(2, 'message')).toBe(`'${message}`);
        expect(cell(2, 'sources')).toBe(`'${source}`);
        expect(cell(3, 'month')).toBe(`'${month}`);
        for (const r of rows) for (const c of r) expect(c).not.toMatch(FORMULA);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves numbers and ordinary text of the audit CSV as they were', async () => {
    const rows = parseCsv(await renderAuditCsv(report));
    expect(rows[1]?.slice(0, 4)).toEqual(['month', 'p-1', '2026-10', 'c-md']);
    expect(rows[2]?.[AUDIT_CSV_COLUMNS.indexOf('message')]).toBe(
      'Billed <script>alert("x")</script> units, "quoted", with, commas',
    );
  });

  it("writes the billing proposal's ids that start like a formula after a quote", async () => {
    const hostile = structuredClone(proposal);
    const first = hostile.patients[0] as (typeof hostile.patients)[number];
    first.patientId = '=HYPERLINK("http://example.invalid","x")';
    first.billingPractitionerId = '@SUM(A1:A9)';
    const rows = parseCsv(await renderProposalCsv(hostile));
    expect(rows[1]?.slice(0, 3)).toEqual([
      '2026-10',
      `'=HYPERLINK("http://example.invalid","x")`,
      "'@SUM(A1:A9)",
    ]);
    expect(rows[2]?.[1]).toBe('p,2');
  });
});
