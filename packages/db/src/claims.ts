import { randomUUID } from 'node:crypto';
import { codeDefinition, type PatientProposal, type Policy } from '@chronicle/rules';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { ClaimError } from './claim-error.js';
import { monthSchema, proposePatient } from './claim-proposals.js';
import { readClaim, type ClaimState, type StoredClaim } from './claim-records.js';
import { ClosedMonthError, lockPractice, StaleWriteError } from './closed-months.js';
import type { ClaimWorkflowStep } from './tables/claim-status.table.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// The approval workflow of claims made from proposals. Approving proposes the patient-month
// again, inside the transaction that stores the claim: a claim the rules block, or one
// that is not what the approver saw, is never stored. After that a claim is held (with a
// reason), released, or marked submitted, each step naming the claim version it read.
// Nothing about the claims of a closed patient-month changes: the close rests on them.

const id = z.string().min(1, 'is required').max(200);

export const approveClaimInputSchema = z.strictObject({
  practiceId: id,
  patientId: id,
  month: monthSchema,
  /** What the approver saw in the proposal: its practitioner and lines. */
  billingPractitionerId: id,
  lines: z
    .array(z.strictObject({ code: z.string().min(1).max(20), units: z.number().int().min(1) }))
    .min(1, 'name the lines you approve'),
});
export type ApproveClaimInput = z.infer<typeof approveClaimInputSchema>;

export const claimStepInputSchema = z.strictObject({
  practiceId: id,
  patientId: id,
  claimId: id,
  expectedVersion: z.number().int().min(1, 'must be the version read (1 or more)'),
});
export const claimReasonInputSchema = claimStepInputSchema.extend({
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
});
export type ClaimStepInput = z.infer<typeof claimStepInputSchema>;

interface Who {
  orgId: string;
  actor: string;
  now: Date;
}

/** Stores the patient-month's proposal as an approved claim, or says what stands in the way. */
export async function approveClaim(
  db: Db,
  input: ApproveClaimInput & Who & { policy?: Policy },
): Promise<StoredClaim> {
  const { orgId, practiceId, patientId, month, actor } = input;
  return withTenant(db, orgId, async (trx) => {
    await lockPractice(trx, orgId, practiceId, 'shared');
    // One approval of a patient's claims at a time: a second waits, then sees the first.
    await sql`select 1 from patients where org_id = ${orgId} and practice_id = ${practiceId}
      and id = ${patientId} for update`.execute(trx);
    await refuseClosedMonth(trx, orgId, practiceId, patientId, month);
    const { proposal, reads } = await proposePatient(trx, input);
    const proposed = approvable(proposal.patients[0], input);
    const existing = await careClaimsOf(trx, input, proposed.billingPractitionerId);
    if (existing.length > 0)
      throw new ClaimError('conflict', [
        {
          path: 'month',
          message: `${month} of patient "${patientId}" already has care-management claim ${existing.map((c) => `"${c}"`).join(', ')} by practitioner "${proposed.billingPractitionerId}"; correct or hold it instead of approving another`,
        },
      ]);
    const claimId = randomUUID();
    const { rows } = await sql<{ ord: number }>`
      select coalesce(max(ord), -1) + 1 as ord from claims
      where org_id = ${orgId} and practice_id = ${practiceId} and patient_id = ${patientId}`.execute(
      trx,
    );
    const at = { org_id: orgId, practice_id: practiceId, patient_id: patientId };
    await trx
      .insertInto('claims')
      .values({
        ...at,
        id: claimId,
        ord: Number(rows[0]?.ord ?? 0),
        date_of_service: proposed.dateOfService,
        billing_practitioner_id: proposed.billingPractitionerId,
        // The dataset's claim, without its lines (they have their own table).
        data: JSON.stringify({
          id: claimId,
          dateOfService: proposed.dateOfService,
          billingPractitionerId: proposed.billingPractitionerId,
          status: 'draft',
        }),
      })
      .execute();
    await trx
      .insertInto('claim_lines')
      .values(
        proposed.lines.map((line, ord) => ({
          ...at,
          claim_id: claimId,
          ord,
          code: line.code,
          units: line.units,
          data: JSON.stringify({ code: line.code, units: line.units }),
        })),
      )
      .execute();
    await recordStep(trx, input, claimId, 'approved', null);
    await appendActivity(
      trx,
      orgId,
      [
        ...reads,
        {
          actor,
          action: 'create',
          recordType: 'claim',
          recordId: `${practiceId}/${patientId}/${claimId}`,
          fields: ['dateOfService', 'billingPractitionerId', 'status', 'lines'],
        },
      ],
      input.now,
    );
    return (await readClaim(trx, { orgId, practiceId, patientId, claimId })) as StoredClaim;
  });
}

type Approvable = PatientProposal & { billingPractitionerId: string; dateOfService: string };

/** The proposal, if it can be approved as the approver saw it; else why not. */
function approvable(proposed: PatientProposal | undefined, input: ApproveClaimInput): Approvable {
  const { patientId, month } = input;
  if (!proposed)
    throw new ClaimError('blocked', [
      {
        path: 'month',
        message: `patient "${patientId}" has no care-management time in ${month}: there is nothing to approve`,
      },
    ]);
  if (proposed.blockers.length > 0)
    throw new ClaimError(
      'blocked',
      proposed.blockers.map((b) => ({ path: 'blockers', message: `${b.ruleId}: ${b.message}` })),
    );
  const { billingPractitionerId, dateOfService, next } = proposed;
  if (proposed.lines.length === 0 || billingPractitionerId === null || dateOfService === null)
    throw new ClaimError('blocked', [
      {
        path: 'lines',
        message:
          `the documentation supports no claim line in ${month} yet` +
          (next ? `; ${next.minutesNeeded} more minute(s) reach ${next.code}` : ''),
      },
    ]);
  const shown = (lines: ReadonlyArray<{ code: string; units: number }>) =>
    lines.map((l) => `${l.code} x${l.units}`).join(', ');
  if (
    billingPractitionerId !== input.billingPractitionerId ||
    shown(proposed.lines) !== shown(input.lines)
  )
    throw new ClaimError('conflict', [
      {
        path: 'lines',
        message: `the proposal changed since it was read: it is now ${shown(proposed.lines)} by practitioner "${billingPractitionerId}"; propose again and approve what it shows`,
      },
    ]);
  return { ...proposed, billingPractitionerId, dateOfService };
}

/** The practitioner's care-management claims of the month that still stand (not denied). */
async function careClaimsOf(
  trx: Tx,
  input: ApproveClaimInput & Who,
  practitionerId: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string; code: string }>`
    select c.id, l.code from claims c
    join claim_lines l on l.org_id = c.org_id and l.practice_id = c.practice_id
      and l.patient_id = c.patient_id and l.claim_id = c.id
    where c.org_id = ${input.orgId} and c.practice_id = ${input.practiceId}
      and c.patient_id = ${input.patientId} and c.date_of_service like ${`${input.month}-%`}
      and c.billing_practitioner_id = ${practitionerId}
      and coalesce(c.data->>'status', '') <> 'denied'
    order by c.ord, l.ord`.execute(trx);
  return [...new Set(rows.filter((r) => codeDefinition(r.code)).map((r) => r.id))];
}

async function refuseClosedMonth(
  trx: Tx,
  orgId: string,
  practiceId: string,
  patientId: string,
  month: string,
): Promise<void> {
  const closed = await trx
    .selectFrom('month_closes')
    .select('closed_at')
    .where('org_id', '=', orgId)
    .where('practice_id', '=', practiceId)
    .where('patient_id', '=', patientId)
    .where('month', '=', month)
    .executeTakeFirst();
  if (closed)
    throw new ClosedMonthError([
      {
        path: 'month',
        message: `${month} of patient "${patientId}" was closed at ${closed.closed_at}; its claims no longer change`,
      },
    ]);
}

async function recordStep(
  trx: Tx,
  input: Who & { practiceId: string; patientId: string },
  claimId: string,
  status: ClaimWorkflowStep,
  reason: string | null,
): Promise<void> {
  await trx
    .insertInto('claim_status')
    .values({
      org_id: input.orgId,
      practice_id: input.practiceId,
      patient_id: input.patientId,
      claim_id: claimId,
      status,
      reason,
      author: input.actor,
      at: input.now.toISOString(),
    })
    .execute();
}

/** Which state each step starts from. */
const STEPS = {
  held: { from: 'approved', verb: 'held' },
  released: { from: 'held', verb: 'released' },
  submitted: { from: 'approved', verb: 'marked submitted' },
} as const satisfies Record<
  Exclude<ClaimWorkflowStep, 'approved'>,
  { from: ClaimState; verb: string }
>;

/**
 * Takes a workflow step on an approved claim: hold it (with a reason), release a hold
 * (with a reason), or mark it submitted (which the dataset's status shows from then on).
 */
export async function stepClaim(
  db: Db,
  input: ClaimStepInput &
    Who & { step: Exclude<ClaimWorkflowStep, 'approved'>; reason?: string | undefined },
): Promise<StoredClaim> {
  const { orgId, practiceId, patientId, claimId, expectedVersion, step } = input;
  const name = `claim "${claimId}" of patient "${patientId}"`;
  return withTenant(db, orgId, async (trx) => {
    await lockPractice(trx, orgId, practiceId, 'shared');
    const ref = { orgId, practiceId, patientId, claimId };
    const claim = await readClaim(trx, ref);
    if (!claim)
      throw new ClaimError('not-found', [
        { path: 'claimId', message: `no ${name} in practice "${practiceId}"` },
      ]);
    if (claim.version !== expectedVersion)
      throw new StaleWriteError(name, expectedVersion, claim.version);
    await refuseClosedMonth(trx, orgId, practiceId, patientId, claim.month);
    const { from, verb } = STEPS[step];
    if (claim.status !== from)
      throw new ClaimError('conflict', [
        {
          path: 'claimId',
          message: `${name} is ${claim.status}; only ${from === 'held' ? 'a held' : 'an approved'} claim can be ${verb}`,
        },
      ]);
    const updated = await sql<{ version: number }>`
      update claims set version = version + 1
        ${step === 'submitted' ? sql`, data = jsonb_set(data, '{status}', '"submitted"')` : sql``}
      where org_id = ${orgId} and practice_id = ${practiceId} and patient_id = ${patientId}
        and id = ${claimId} and version = ${expectedVersion}
      returning version`.execute(trx);
    if (!updated.rows[0])
      throw new StaleWriteError(name, expectedVersion, (await readClaim(trx, ref))?.version);
    await recordStep(trx, input, claimId, step, input.reason ?? null);
    await appendActivity(
      trx,
      orgId,
      [
        {
          actor: input.actor,
          action: 'update',
          recordType: 'claim',
          recordId: `${practiceId}/${patientId}/${claimId}`,
          fields: ['status'],
        },
      ],
      input.now,
    );
    return (await readClaim(trx, ref)) as StoredClaim;
  });
}
