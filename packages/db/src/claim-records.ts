import { claimLineSchema, type ClaimLine } from '@chronicle/dataset';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { ClaimError } from './claim-error.js';
import { monthSchema } from './claim-proposals.js';
import { recordOf } from './stored-record.js';
import type { ClaimWorkflowStep } from './tables/claim-status.table.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// Stored claims as the server shows them: the claim and its lines as the dataset holds
// them, with the workflow state its history gives. A claim's dataset status says where a
// claim is once it has left the practice (submitted, paid, denied) and wins; a draft's
// state is the last step of its history (approved, held, released, submitted), and a draft
// without history (one that came in with an import) stays a draft.

export const CLAIM_STATES = ['draft', 'approved', 'held', 'submitted', 'paid', 'denied'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export interface ClaimStep {
  status: ClaimWorkflowStep;
  reason: string | null;
  author: string;
  at: string;
}

export interface StoredClaim {
  practiceId: string;
  patientId: string;
  claimId: string;
  /** The service month: the month of the date of service. */
  month: string;
  dateOfService: string;
  billingPractitionerId: string;
  lines: ClaimLine[];
  status: ClaimState;
  /** Rises with every change; a change names the version it read. */
  version: number;
  history: ClaimStep[];
}

const id = z.string().min(1, 'is required').max(200);

export const listClaimsInputSchema = z.strictObject({
  practiceId: id,
  month: monthSchema,
  patientId: id.optional(),
});
export type ListClaimsInput = z.infer<typeof listClaimsInputSchema>;

function stateOf(datasetStatus: unknown, history: readonly ClaimStep[]): ClaimState {
  if (datasetStatus === 'submitted' || datasetStatus === 'paid' || datasetStatus === 'denied')
    return datasetStatus;
  const last = history.at(-1)?.status;
  switch (last) {
    case undefined:
      return 'draft';
    case 'approved':
    case 'released':
      return 'approved';
    case 'held':
      return 'held';
    case 'submitted':
      return 'submitted';
  }
}

interface ClaimQuery {
  orgId: string;
  practiceId: string;
  patientId?: string;
  claimId?: string;
  month?: string;
}

/** The claims that match, in patient and stored order, with their lines and history. */
async function readClaims(trx: Tx, q: ClaimQuery): Promise<StoredClaim[]> {
  const claims = await trx
    .selectFrom('claims')
    .select(['patient_id', 'id', 'date_of_service', 'billing_practitioner_id', 'data', 'version'])
    .where('org_id', '=', q.orgId)
    .where('practice_id', '=', q.practiceId)
    .$if(q.patientId !== undefined, (w) => w.where('patient_id', '=', q.patientId as string))
    .$if(q.claimId !== undefined, (w) => w.where('id', '=', q.claimId as string))
    .$if(q.month !== undefined, (w) => w.where('date_of_service', 'like', `${q.month}-%`))
    .orderBy('patient_id')
    .orderBy('ord')
    .execute();
  if (claims.length === 0) return [];
  const key = (patientId: string, claimId: string) => `${patientId}\u0000${claimId}`;
  const wanted = new Set(claims.map((c) => key(c.patient_id, c.id)));
  const patients = [...new Set(claims.map((c) => c.patient_id))];
  const claimIds = [...new Set(claims.map((c) => c.id))];
  const lines = new Map<string, ClaimLine[]>();
  for (const row of await trx
    .selectFrom('claim_lines')
    .select(['patient_id', 'claim_id', 'data'])
    .where('org_id', '=', q.orgId)
    .where('practice_id', '=', q.practiceId)
    .where('patient_id', 'in', patients)
    .where('claim_id', 'in', claimIds)
    .orderBy('patient_id')
    .orderBy('claim_id')
    .orderBy('ord')
    .execute()) {
    const k = key(row.patient_id, row.claim_id);
    if (!wanted.has(k)) continue;
    const list = lines.get(k) ?? [];
    list.push(claimLineSchema.parse(recordOf(row)));
    lines.set(k, list);
  }
  const history = new Map<string, ClaimStep[]>();
  for (const row of await trx
    .selectFrom('claim_status')
    .select(['patient_id', 'claim_id', 'status', 'reason', 'author', 'at'])
    .where('org_id', '=', q.orgId)
    .where('practice_id', '=', q.practiceId)
    .where('patient_id', 'in', patients)
    .where('claim_id', 'in', claimIds)
    .orderBy('id')
    .execute()) {
    const k = key(row.patient_id, row.claim_id);
    if (!wanted.has(k)) continue;
    const list = history.get(k) ?? [];
    list.push({
      status: row.status,
      reason: row.reason,
      author: row.author,
      at: new Date(row.at).toISOString(),
    });
    history.set(k, list);
  }
  return claims.map((c) => {
    const k = key(c.patient_id, c.id);
    const steps = history.get(k) ?? [];
    return {
      practiceId: q.practiceId,
      patientId: c.patient_id,
      claimId: c.id,
      month: c.date_of_service.slice(0, 7),
      dateOfService: c.date_of_service,
      billingPractitionerId: c.billing_practitioner_id,
      lines: lines.get(k) ?? [],
      status: stateOf(recordOf(c).status, steps),
      version: Number(c.version),
      history: steps,
    };
  });
}

/** One claim of a patient, or undefined; nothing goes to the log (the caller logs). */
export async function readClaim(
  trx: Tx,
  q: { orgId: string; practiceId: string; patientId: string; claimId: string },
): Promise<StoredClaim | undefined> {
  const [claim] = await readClaims(trx, q);
  return claim;
}

/** The practice's claims of a month (or one patient's), each patient's read logged. */
export async function listClaims(
  db: Db,
  input: ListClaimsInput & { orgId: string; actor: string },
): Promise<StoredClaim[]> {
  const { orgId, practiceId, actor } = input;
  return withTenant(db, orgId, async (trx) => {
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
    const claims = await readClaims(trx, input);
    await appendActivity(
      trx,
      orgId,
      [...new Set(claims.map((c) => c.patientId))].map((patientId) => ({
        actor,
        action: 'read' as const,
        recordType: 'patient',
        recordId: `${practiceId}/${patientId}`,
        fields: ['claims'],
      })),
    );
    return claims;
  });
}
