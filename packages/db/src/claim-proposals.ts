import type { Dataset, Patient, TimeEntry } from '@chronicle/dataset';
import { proposeBilling, type BillingProposal, type Policy } from '@chronicle/rules';
import { z } from 'zod';
import { appendActivity, type ActivityInput } from './activity-log.js';
import { ClaimError } from './claim-error.js';
import { loadPractice } from './import-export.js';
import { parseInstantMs } from './instants.js';
import { closeInputs } from './month-close.js';
import { readPatients } from './stored-patients.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// What a month's documentation supports, read from the database and decided by the rules
// core (proposeBilling), as `chronicle bill` decides it from a file. Nothing is stored.
// One patient is proposed from the inputs a month close would read (the patient, and the
// other patients' time entries that could double count with theirs); a whole practice from
// its patients with time near the month, which are all the rules can look at.

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const id = z.string().min(1, 'is required').max(200);

export const proposeClaimsInputSchema = z.strictObject({
  practiceId: id,
  month: monthSchema,
  /** One patient; without it, every patient of the practice with time in the month. */
  patientId: id.optional(),
});
export type ProposeClaimsInput = z.infer<typeof proposeClaimsInputSchema>;

export async function proposeClaims(
  db: Db,
  input: ProposeClaimsInput & { orgId: string; actor: string; policy?: Policy },
): Promise<BillingProposal> {
  const { orgId, practiceId, month, patientId, actor } = input;
  return withTenant(db, orgId, async (trx) => {
    if (patientId !== undefined) {
      const { proposal, reads } = await proposePatient(trx, { ...input, patientId });
      await appendActivity(trx, orgId, reads);
      return proposal;
    }
    const dataset = await practiceInputs(trx, orgId, practiceId, month);
    await appendActivity(trx, orgId, [
      { actor, action: 'read', recordType: 'practice', recordId: practiceId, fields: ['patients'] },
    ]);
    return proposeBilling(dataset, month, input.policy ? { policy: input.policy } : {});
  });
}

/**
 * One patient's proposal for the month (no patients in it when the patient has no
 * care-management time in the month), with the activity-log entries of what it read: the
 * caller's transaction writes them with whatever else it does.
 */
export async function proposePatient(
  trx: Tx,
  input: {
    orgId: string;
    practiceId: string;
    patientId: string;
    month: string;
    actor: string;
    policy?: Policy;
  },
): Promise<{ proposal: BillingProposal; reads: ActivityInput[] }> {
  const { orgId, practiceId, patientId, month, actor } = input;
  const practice = await trx
    .selectFrom('practices')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', practiceId)
    .executeTakeFirst();
  if (!practice)
    throw new ClaimError('not-found', [
      { path: 'practiceId', message: `no practice "${practiceId}"` },
    ]);
  const patient = await trx
    .selectFrom('patients')
    .select('id')
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!patient)
    throw new ClaimError('not-found', [
      { path: 'patientId', message: `no patient "${patientId}" in practice "${practiceId}"` },
    ]);
  const inputs = await closeInputs(trx, orgId, practiceId, patientId, month);
  const proposal = proposeBilling(inputs, month, input.policy ? { policy: input.policy } : {});
  const reads = inputs.patients.map((p: Patient): ActivityInput => ({
    actor,
    action: 'read',
    recordType: 'patient',
    recordId: `${practiceId}/${p.id}`,
    fields: p.id === patientId ? ['*'] : ['timeEntries'],
  }));
  return {
    proposal: { ...proposal, patients: proposal.patients.filter((p) => p.patientId === patientId) },
    reads,
  };
}

const DAY_MS = 86_400_000;

/**
 * The practice with the patients whose time comes within a day of the month (the margin
 * covers every time zone's offset): the only ones a month's proposal or its double-counting
 * check can involve. Patients are read through one cursor and the rest dropped as they come.
 */
async function practiceInputs(
  trx: Tx,
  orgId: string,
  practiceId: string,
  month: string,
): Promise<Dataset> {
  const stored = await loadPractice(trx, orgId, practiceId);
  if (!stored)
    throw new ClaimError('not-found', [
      { path: 'practiceId', message: `no practice "${practiceId}"` },
    ]);
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  const from = Date.UTC(year, index, 1) - DAY_MS;
  const to = Date.UTC(year, index + 1, 1) + DAY_MS;
  const near = (e: TimeEntry) => {
    const start = parseInstantMs(e.start);
    const end = e.end !== undefined ? parseInstantMs(e.end) : start + (e.minutes ?? 0) * 60_000;
    return start < to && end > from;
  };
  const patients: Patient[] = [];
  for await (const patient of readPatients({ trx, orgId, practiceId }, 500))
    if (patient.timeEntries.some(near)) patients.push(patient);
  return {
    format: 'ccm-dataset',
    version: 1,
    practice: stored.practice,
    clinicians: stored.clinicians,
    patients,
  };
}
