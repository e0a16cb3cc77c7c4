// Compiles the chronic-condition code lists into modules the pure core ships:
//   CMS CCW condition categories (ICD-10-CM), from the PHSKC transcription (ccw_lookup.xlsx)
//   AHRQ HCUP Chronic Condition Indicator for ICD-10-CM v2019.1 (codes flagged chronic)
// They are written as .ts modules under src/ (not JSON under data/) because the package
// ships only dist/ and src/, so the data travels with the code that reads it.
// Run: pnpm --filter @chronicle/rules codesets [SOURCE_DIR]
// (SOURCE_DIR defaults to shared/data/codesets beside the repository checkout.)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

const sourceDir = process.argv[2] ?? join(import.meta.dirname, '../../../../shared/data/codesets');
const outDir = join(import.meta.dirname, '../src/codesets');
const ICD10CM = /^[A-Z][0-9][0-9A-Z]{1,5}$/;

interface Ccw {
  names: Map<string, string>;
  codes: Map<string, string[]>;
  /** Codes in several categories: the category that reports the code first. */
  shared: Map<string, string[]>;
  excluded: number;
}

function text(value: CellValue): string {
  if (value && typeof value === 'object' && 'richText' in value)
    return value.richText.map((r) => r.text).join('');
  return String(value ?? '').trim();
}

async function readCcw(path: string): Promise<Ccw> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('ccw17_xx');
  const definitions = workbook.getWorksheet('ccw_definitions_kc_99_xx');
  if (!sheet || !definitions)
    throw new Error('ccw_lookup.xlsx lacks ccw17_xx or ccw_definitions_kc_99_xx');

  // The current (30-condition) definitions; the ICD-9 rows repeat them.
  const names = new Map<string, string>();
  definitions.eachRow((row, n) => {
    if (n === 1 || text(row.getCell(1).value) !== '10') return;
    names.set(text(row.getCell(4).value), text(row.getCell(3).value));
  });

  const lists = new Map<string, Set<string>>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const abbrev = text(row.getCell(2).value);
    const code = text(row.getCell(3).value).toUpperCase();
    if (text(row.getCell(4).value) !== '10') throw new Error(`ccw17_xx row ${n} is not ICD-10`);
    if (!ICD10CM.test(code)) throw new Error(`ccw17_xx row ${n}: odd code ${code}`);
    if (!names.has(abbrev)) throw new Error(`ccw17_xx row ${n}: ${abbrev} has no definition`);
    lists.set(abbrev, (lists.get(abbrev) ?? new Set()).add(code));
  });

  // `x_exclude1` lists are CCW claim-level qualifiers (a stroke claim that also carries a
  // traumatic brain injury code does not count). One condition at a time can only honour
  // them by never letting an excluded code stand for its parent category.
  let excluded = 0;
  for (const [abbrev, codes] of lists) {
    const parent = /^(.+)_exclude\d*$/.exec(abbrev)?.[1];
    if (!parent) continue;
    const target = lists.get(parent);
    if (!target) throw new Error(`exclusion list ${abbrev} has no category ${parent}`);
    for (const code of codes) if (target.delete(code)) excluded += 1;
    lists.delete(abbrev);
    names.delete(abbrev);
  }

  const codes = new Map(
    [...lists].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]),
  );
  for (const abbrev of names.keys()) if (!codes.has(abbrev)) names.delete(abbrev);
  return { names, codes, shared: sharedCodes(codes), excluded };
}

// A code in several categories (E11.22 is diabetes and CKD) is reported under the category
// with most codes of the same 3-character root, then the smaller (more specific) category.
function sharedCodes(codes: Map<string, string[]>): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [abbrev, list] of codes)
    for (const code of list) owners.set(code, [...(owners.get(code) ?? []), abbrev]);
  const rootCount = (abbrev: string, code: string) =>
    (codes.get(abbrev) ?? []).filter((c) => c.startsWith(code.slice(0, 3))).length;
  const size = (abbrev: string) => codes.get(abbrev)?.length ?? 0;
  const shared = new Map<string, string[]>();
  for (const [code, cats] of [...owners].sort(([a], [b]) => a.localeCompare(b))) {
    if (cats.length < 2) continue;
    const ranked = [...cats].sort(
      (a, b) => rootCount(b, code) - rootCount(a, code) || size(a) - size(b) || a.localeCompare(b),
    );
    shared.set(code, ranked);
  }
  return shared;
}

function readCciChronic(file: Buffer): { chronic: string[]; rows: number } {
  const zip = unzipSync(new Uint8Array(file));
  const csv = zip['cci_icd10cm_2019_1.csv'];
  if (!csv) throw new Error('the CCI zip has no cci_icd10cm_2019_1.csv');
  // Fixed AHRQ layout: 'CODE',"DESCRIPTION",'INDICATOR','BODY SYSTEM'
  const row = /^'([A-Z0-9]+)',"(?:[^"]|"")*",'([01])','(?:\d+|None)'$/;
  const chronic: string[] = [];
  let rows = 0;
  for (const line of strFromU8(csv).split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const m = row.exec(line.trim());
    if (!m || !ICD10CM.test(m[1] as string))
      throw new Error(`unexpected CCI row: ${line.slice(0, 60)}`);
    rows += 1;
    if (m[2] === '1') chronic.push(m[1] as string);
  }
  if (rows < 70_000) throw new Error(`CCI file has only ${rows} rows`);
  return { chronic: chronic.sort(), rows };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const header = (what: string, file: string, b: Buffer) =>
  `// Generated by scripts/compile-codesets.ts from ${what}. Do not edit.\n` +
  `// Input: ${file}, sha256 ${sha256(b)}\n// Origin and licence: packages/rules/data/LICENSE-codesets.md\n`;
const record = (entries: Iterable<[string, string]>) =>
  `{\n${[...entries].map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n')}\n}`;

const ccwPath = join(sourceDir, 'ccw_lookup.xlsx');
const ccwFile = readFileSync(ccwPath);
const ccw = await readCcw(ccwPath);
writeFileSync(
  join(outDir, 'ccw-codes.generated.ts'),
  `${header('the CMS CCW condition categories (sheets ccw17_xx, ccw_definitions_kc_99_xx)', 'ccw_lookup.xlsx', ccwFile)}
/** CCW category abbreviation -> the CCW's name for it. */
export const CCW_CATEGORY_NAMES: Readonly<Record<string, string>> = ${record(ccw.names)};

/** ICD-10-CM codes (no dot) per CCW category, space-separated, exclusion lists applied. */
export const CCW_CODES: Readonly<Record<string, string>> = ${record([...ccw.codes].map(([k, v]) => [k, v.join(' ')]))};

/** Codes in more than one category -> those categories, the one to report first. */
export const CCW_SHARED: Readonly<Record<string, string>> = ${record([...ccw.shared].map(([k, v]) => [k, v.join(' ')]))};
`,
);

const cciFile = readFileSync(join(sourceDir, 'cci_icd10cm_2019_1.zip'));
const cci = readCciChronic(cciFile);
writeFileSync(
  join(outDir, 'cci-chronic.generated.ts'),
  `${header('the AHRQ HCUP Chronic Condition Indicator for ICD-10-CM, v2019.1', 'cci_icd10cm_2019_1.zip', cciFile)}
/** ICD-10-CM codes (no dot) the CCI flags chronic (${cci.chronic.length} of ${cci.rows}), space-separated. */
export const CCI_CHRONIC_CODES =
  '${cci.chronic.join(' ')}';
`,
);

const ccwTotal = [...ccw.codes.values()].reduce((n, c) => n + c.length, 0);
console.log(
  `CCW: ${ccw.codes.size} categories, ${ccwTotal} category codes (${new Set([...ccw.codes.values()].flat()).size} distinct, ` +
    `${ccw.shared.size} in several categories, ${ccw.excluded} removed by exclusion lists); ` +
    `CCI: ${cci.chronic.length} chronic of ${cci.rows} codes`,
);
