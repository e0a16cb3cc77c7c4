import type { Coverage, Patient } from '@chronicle/dataset';
import type { Reference } from './fhir-schemas.js';
import type { ReportCollector, Subject } from './import-report.js';
import type { PatientDemographics } from './map-patient.js';
import type { ResourceIndex } from './resource-index.js';

// The patients an import touches, and how they merge with those already stored. A patient
// in the input replaces the stored demographics it gives (an MRN or MBI the input lacks
// is kept); each record the input holds is inserted, or replaces the stored record of the
// same id; stored records the input does not hold (time logged in Chronicle, say) are
// kept. Coverage has no ids: coverage read from the input replaces the stored list.

export type RecordList =
  'conditions' | 'encounters' | 'consents' | 'carePlans' | 'timeEntries' | 'claims';
const LISTS: readonly RecordList[] = [
  'conditions',
  'encounters',
  'consents',
  'carePlans',
  'timeEntries',
  'claims',
];

/** The coverage an ExplanationOfBenefit shows on a date (Synthea's contained Coverage). */
export interface CoverageSighting {
  date: string;
  kinds: ReadonlyArray<Coverage['kind']>;
}

export interface PatientDraft {
  id: string;
  demographics?: PatientDemographics;
  stored?: Patient;
  coverage: Coverage[];
  sightings: CoverageSighting[];
  records: { [K in RecordList]: Array<Patient[K][number]> };
}

export class PatientRegistry {
  private readonly stored = new Map<string, Patient>();
  private readonly drafts = new Map<string, PatientDraft>();
  private readonly bySubject = new Map<Subject, PatientDraft>();

  constructor(
    private readonly existing: readonly Patient[],
    private readonly index: ResourceIndex,
    private readonly report: ReportCollector,
  ) {
    for (const p of existing) this.stored.set(p.id, p);
  }

  addPatient(subject: Subject, demographics: PatientDemographics): void {
    const known = this.drafts.get(demographics.id);
    if (known?.demographics) {
      this.report.reject(subject, 'id', 'a second Patient with the same id; the first is kept');
      return;
    }
    const draft = known ?? this.draft(demographics.id);
    draft.demographics = demographics;
    this.bySubject.set(subject, draft);
    this.report.use(subject);
  }

  /**
   * The patient a reference names: one of the input's, or one stored in the practice.
   * Reports why not on the referring resource when there is none.
   */
  draftFor(ref: Reference | undefined, from: Subject, path: string): PatientDraft | undefined {
    const { found, type, id } = this.index.resolve(ref);
    if (found) {
      const draft = this.bySubject.get(found.subject);
      if (!draft) this.report.skip(from, 'its patient was not imported');
      return draft;
    }
    if (type === 'Patient' && id !== undefined) {
      const draft = this.drafts.get(id) ?? (this.stored.has(id) ? this.draft(id) : undefined);
      if (draft) return draft;
      this.report.reject(
        from,
        path,
        `refers to Patient/${id}, which is neither in the input nor stored in the practice`,
      );
      return undefined;
    }
    this.report.reject(from, path, 'does not refer to a patient of the input');
    return undefined;
  }

  /** Adds a record to a patient's list; a second record with the same id is refused. */
  addRecord<K extends RecordList>(
    draft: PatientDraft,
    list: K,
    record: Patient[K][number],
    subject: Subject,
  ): boolean {
    const records = draft.records[list] as Array<{ id: string }>;
    if (records.some((r) => r.id === record.id)) {
      this.report.reject(
        subject,
        'id',
        `a second record with the same id for the patient; the first is kept`,
      );
      return false;
    }
    records.push(record);
    this.report.use(subject);
    return true;
  }

  allDrafts(): PatientDraft[] {
    return [...this.drafts.values()];
  }

  /** Stored patients in their order (merged where the input touched them), then new ones. */
  patients(): Patient[] {
    const out: Patient[] = [];
    for (const p of this.existing) {
      const draft = this.drafts.get(p.id);
      out.push(draft ? merge(draft, p) : p);
    }
    for (const draft of this.drafts.values())
      if (!this.stored.has(draft.id) && draft.demographics) out.push(merge(draft, undefined));
    return out;
  }

  private draft(id: string): PatientDraft {
    const stored = this.stored.get(id);
    const draft: PatientDraft = {
      id,
      ...(stored ? { stored } : {}),
      coverage: [],
      sightings: [],
      records: {
        conditions: [],
        encounters: [],
        consents: [],
        carePlans: [],
        timeEntries: [],
        claims: [],
      },
    };
    this.drafts.set(id, draft);
    return draft;
  }
}

function merge(draft: PatientDraft, stored: Patient | undefined): Patient {
  const d = draft.demographics;
  const demographics: PatientDemographics = stored
    ? {
        ...demographicsOf(stored),
        ...(d ?? {}),
        mrn: d?.mrn ?? stored.mrn,
        ...((d?.mbi ?? stored.mbi) ? { mbi: d?.mbi ?? stored.mbi } : {}),
      }
    : (d as PatientDemographics);
  const patient: Patient = {
    ...demographics,
    coverage: draft.coverage.length > 0 ? draft.coverage : (stored?.coverage ?? []),
    conditions: [],
    encounters: [],
    consents: [],
    carePlans: [],
    timeEntries: [],
    claims: [],
  };
  for (const list of LISTS) {
    (patient[list] as Array<{ id: string }>) = mergeById(
      (stored?.[list] ?? []) as Array<{ id: string }>,
      draft.records[list] as Array<{ id: string }>,
    );
  }
  return patient;
}

function demographicsOf(p: Patient): PatientDemographics {
  const {
    coverage: _c,
    conditions: _d,
    encounters: _e,
    consents: _s,
    carePlans: _p,
    timeEntries: _t,
    claims: _l,
    ...rest
  } = p;
  return rest;
}

/** The stored list with records of the same id replaced in place, new ones after. */
function mergeById<T extends { id: string }>(stored: readonly T[], incoming: readonly T[]): T[] {
  const byId = new Map(incoming.map((r) => [r.id, r]));
  const out = stored.map((r) => byId.get(r.id) ?? r);
  const kept = new Set(stored.map((r) => r.id));
  for (const r of incoming) if (!kept.has(r.id)) out.push(r);
  return out;
}
