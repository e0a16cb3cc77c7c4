import type { Clinician, Practice } from '@chronicle/dataset';
import { refuse } from './care-record-error.js';
import { loadClosedMonths, lockPractice, type ClosedMonths } from './closed-months.js';
import { loadPractice } from './import-export.js';
import type { Tx } from './tenant.js';

// What a write of one patient's care records works in: the patient (locked, so that writes
// of the same patient take turns and each new record gets the next place in its list), the
// practice and its clinicians, the patient's closed months, and today on the practice's
// calendar. Writers take the practice's close lock shared, as edits and imports do, so a
// close never reads a record that is half written.

export interface PatientScope {
  trx: Tx;
  orgId: string;
  practiceId: string;
  patientId: string;
  practice: Practice;
  clinicians: ReadonlyMap<string, Clinician>;
  closed: ClosedMonths;
  /** The day `now` is on the practice's calendar (YYYY-MM-DD). */
  today: string;
}

export async function openPatient(
  trx: Tx,
  orgId: string,
  where: { practiceId: string; patientId: string },
  now: Date,
): Promise<PatientScope> {
  const { practiceId, patientId } = where;
  await lockPractice(trx, orgId, practiceId, 'shared');
  const patient = await trx
    .selectFrom('patients')
    .select('id')
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('id', '=', patientId)
    .forUpdate()
    .executeTakeFirst();
  const stored = patient && (await loadPractice(trx, orgId, practiceId));
  if (!stored)
    return refuse(
      'not-found',
      'patientId',
      `no patient "${patientId}" in practice "${practiceId}"`,
    );
  const closed = await loadClosedMonths(trx, orgId, practiceId, patientId);
  return {
    trx,
    orgId,
    practiceId,
    patientId,
    practice: stored.practice,
    clinicians: new Map(stored.clinicians.map((c) => [c.id, c])),
    closed,
    today: dayIn(stored.practice.timezone)(now.getTime()),
  };
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (ms) => {
    const parts = new Map(format.formatToParts(ms).map((p) => [p.type, p.value]));
    return `${(parts.get('year') ?? '').padStart(4, '0')}-${parts.get('month')}-${parts.get('day')}`;
  };
}

/**
 * Whose minutes count toward care management (ccm-domain §2): practitioners and clinical
 * staff. Non-clinical staff may help, but their minutes never count; the audit draws the
 * same line (by role `non-clinical-staff` or credential `non-clinical`).
 */
export function countsTime(clinician: Clinician): boolean {
  return clinician.role !== 'non-clinical-staff' && clinician.credential !== 'non-clinical';
}

/** A practitioner who may bill (and so sign staff time, and make decisions recorded as MDM). */
export function isPractitioner(clinician: Clinician): boolean {
  return clinician.role === 'practitioner' && countsTime(clinician);
}

/** The clinician `id` of the practice, or a refusal naming `path`. */
export function clinicianAt(scope: PatientScope, id: string, path: string): Clinician {
  const clinician = scope.clinicians.get(id);
  if (!clinician)
    return refuse('invalid', path, `refers to clinician "${id}", which is not in the practice`);
  return clinician;
}
