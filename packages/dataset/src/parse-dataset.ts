import {
  capabilitiesSchema,
  carePlanSchema,
  claimLineSchema,
  claimSchema,
  clinicianSchema,
  conditionSchema,
  consentSchema,
  coverageSchema,
  datasetSchema,
  encounterSchema,
  informedSchema,
  patientSchema,
  practiceSchema,
  timeEntrySchema,
  type Dataset,
} from './dataset-schema.js';
import { problemsFromZod, type ParseResult, type Problem } from './problems.js';

/**
 * A JSON syntax error without the excerpt V8 quotes from the input (`..."birthDate":x19...`),
 * which in a dataset can be a patient's name, MBI or birth date. A message still quoting
 * something is replaced by a bare "syntax error".
 */
export function jsonSyntaxMessage(error: Error): string {
  const cut = error.message.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)?\s+is not valid JSON$/s, '');
  return cut.includes('"') ? 'syntax error' : cut;
}

export const DATASET_FORMAT = 'ccm-dataset';
export const DATASET_VERSIONS = [1] as const;

/**
 * Parses a version 1 dataset. Either the whole document is accepted or every problem
 * is returned, structural ones and dangling references alike; nothing is partial.
 */
export function parseDataset(input: unknown): ParseResult<Dataset> {
  const header = checkHeader(input);
  if (header) return { ok: false, problems: [header] };
  const parsed = datasetSchema.safeParse(input);
  // Cross-record checks run on the raw document too, so one pass reports every problem,
  // structural and referential, even when the structure is broken elsewhere.
  const references = checkReferences(loose(input));
  const problems = [...(parsed.success ? [] : problemsFromZod(parsed.error, input)), ...references];
  if (!parsed.success || problems.length > 0)
    return { ok: false, problems: sortProblems(problems) };
  return { ok: true, value: parsed.data };
}

/** Parses JSON text, reporting a syntax error as a problem rather than throwing. */
export function parseDatasetJson(text: string): ParseResult<Dataset> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [
        { path: '(document)', message: `not valid JSON: ${jsonSyntaxMessage(error as Error)}` },
      ],
    };
  }
  return parseDataset(input);
}

function checkHeader(input: unknown): Problem | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { path: '(document)', message: 'must be a JSON object' };
  }
  const doc = input as Record<string, unknown>;
  if (doc.format !== DATASET_FORMAT) {
    return { path: 'format', message: `must be "${DATASET_FORMAT}"` };
  }
  if (
    typeof doc.version === 'number' &&
    !(DATASET_VERSIONS as readonly number[]).includes(doc.version)
  ) {
    return {
      path: 'version',
      message: `version ${doc.version} is not supported by this reader (it reads ${DATASET_VERSIONS.join(', ')})`,
    };
  }
  return undefined;
}

/**
 * A document of unknown shape seen as a dataset whose every field may be missing or of
 * the wrong type; the reference checks guard each access and leave type errors to zod.
 */
type Loose<T> = T extends string | number | boolean
  ? T | undefined
  : T extends Array<infer U>
    ? Array<Loose<U>> | undefined
    : { [K in keyof T]?: Loose<T[K]> } | undefined;
type LooseDataset = NonNullable<Loose<Dataset>>;
type LoosePatient = NonNullable<NonNullable<LooseDataset['patients']>[number]>;

function loose(input: unknown): LooseDataset {
  return input as LooseDataset;
}

function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

// Field names in the order the format lists them, so problems come out in document order.
const KEY_RANK = new Map<string, number>();
for (const schema of [
  datasetSchema,
  practiceSchema,
  capabilitiesSchema,
  clinicianSchema,
  patientSchema,
  coverageSchema,
  conditionSchema,
  encounterSchema,
  consentSchema,
  informedSchema,
  carePlanSchema,
  timeEntrySchema,
  claimSchema,
  claimLineSchema,
]) {
  for (const key of Object.keys(schema.shape))
    if (!KEY_RANK.has(key)) KEY_RANK.set(key, KEY_RANK.size);
}

function sortProblems(problems: Problem[]): Problem[] {
  const key = (path: string) => path.split(/[.[\]]+/).filter(Boolean);
  const rank = (segment: string) => {
    const n = Number(segment);
    return Number.isNaN(n) ? (KEY_RANK.get(segment) ?? Number.MAX_SAFE_INTEGER) : n;
  };
  return problems
    .map((p, i) => ({ p, i, k: key(p.path) }))
    .sort((a, b) => {
      for (let j = 0; j < Math.min(a.k.length, b.k.length); j++) {
        const d = rank(a.k[j] as string) - rank(b.k[j] as string);
        if (d !== 0) return d;
      }
      return a.k.length - b.k.length || a.i - b.i;
    })
    .map(({ p }) => p);
}

function checkReferences(dataset: LooseDataset): Problem[] {
  const problems: Problem[] = [];
  const clinicians = new Set<string>();
  list(dataset.clinicians).forEach((c, i) =>
    unique(clinicians, c?.id, `clinicians[${i}].id`, problems),
  );
  const patientIds = new Set<string>();
  list(dataset.patients).forEach((patient, i) => {
    if (patient === undefined || patient === null || typeof patient !== 'object') return;
    const at = `patients[${i}]`;
    unique(patientIds, patient.id, `${at}.id`, problems);
    checkPatient(patient, at, clinicians, problems);
  });
  return problems;
}

function checkPatient(
  patient: LoosePatient,
  at: string,
  clinicians: Set<string>,
  problems: Problem[],
): void {
  const ref = (value: string | undefined, path: string) => {
    if (typeof value === 'string' && !clinicians.has(value)) {
      problems.push({
        path,
        message: `refers to clinician "${value}", which is not in clinicians`,
      });
    }
  };
  const order = (from: string | undefined, to: string | undefined, path: string, what: string) => {
    if (typeof from === 'string' && typeof to === 'string' && to < from)
      problems.push({ path, message: `must not be before ${what}` });
  };
  order(patient.birthDate, patient.deathDate, `${at}.deathDate`, 'birthDate');

  list(patient.coverage).forEach((c, i) =>
    order(c?.start, c?.end, `${at}.coverage[${i}].end`, 'start'),
  );

  const conditionIds = new Set<string>();
  list(patient.conditions).forEach((c, i) => {
    unique(conditionIds, c?.id, `${at}.conditions[${i}].id`, problems);
    order(c?.onset, c?.abatement, `${at}.conditions[${i}].abatement`, 'onset');
  });

  const encounterIds = new Set<string>();
  list(patient.encounters).forEach((e, i) => {
    const p = `${at}.encounters[${i}]`;
    unique(encounterIds, e?.id, `${p}.id`, problems);
    ref(e?.clinicianId, `${p}.clinicianId`);
    order(e?.date, e?.endDate, `${p}.endDate`, 'date');
  });

  const consentIds = new Set<string>();
  list(patient.consents).forEach((c, i) => {
    const p = `${at}.consents[${i}]`;
    unique(consentIds, c?.id, `${p}.id`, problems);
    ref(c?.practitionerId, `${p}.practitionerId`);
    ref(c?.obtainedById, `${p}.obtainedById`);
    order(c?.date, c?.revokedOn, `${p}.revokedOn`, 'date');
  });

  const planIds = new Set<string>();
  list(patient.carePlans).forEach((c, i) => {
    const p = `${at}.carePlans[${i}]`;
    unique(planIds, c?.id, `${p}.id`, problems);
    ref(c?.authorId, `${p}.authorId`);
    order(c?.date, c?.sharedWithPatient?.date, `${p}.sharedWithPatient.date`, 'the care-plan date');
  });

  const entryIds = new Set<string>();
  list(patient.timeEntries).forEach((t, i) => {
    const p = `${at}.timeEntries[${i}]`;
    // A time entry that is not an object is refused by the schema; it has no fields to check.
    if (t === null || typeof t !== 'object' || Array.isArray(t)) return;
    unique(entryIds, t.id, `${p}.id`, problems);
    ref(t.clinicianId, `${p}.clinicianId`);
    ref(t.signedById, `${p}.signedById`);
    if (t.end === undefined && t.minutes === undefined) {
      problems.push({
        path: p,
        message: 'needs exactly one of "end" and "minutes"; it has neither',
      });
    } else if (t.end !== undefined && t.minutes !== undefined) {
      problems.push({ path: p, message: 'needs exactly one of "end" and "minutes"; it has both' });
    } else if (
      typeof t.end === 'string' &&
      typeof t.start === 'string' &&
      Date.parse(t.end) <= Date.parse(t.start)
    ) {
      problems.push({ path: `${p}.end`, message: 'must be after start' });
    }
  });

  const claimIds = new Set<string>();
  list(patient.claims).forEach((c, i) => {
    const p = `${at}.claims[${i}]`;
    unique(claimIds, c?.id, `${p}.id`, problems);
    ref(c?.billingPractitionerId, `${p}.billingPractitionerId`);
  });
}

function unique(
  seen: Set<string>,
  value: string | undefined,
  path: string,
  problems: Problem[],
): void {
  if (typeof value !== 'string') return;
  if (seen.has(value)) problems.push({ path, message: `duplicate id "${value}"` });
  seen.add(value);
}
