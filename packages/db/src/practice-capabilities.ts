import { capabilitiesSchema, practiceSchema, type Practice } from '@chronicle/dataset';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseInput, refuse } from './care-record-error.js';
import { lockPractice, StaleWriteError } from './closed-months.js';
import { dayIn } from './patient-scope.js';
import { recordOf } from './stored-record.js';
import { withTenant, type Db } from './tenant.js';

// The practice's attestation of its CCM capabilities (certified EHR, 24/7 access,
// continuity of care, enhanced communication, care transitions), kept where the dataset
// keeps it: the practice record's `capabilities` (practices.data), so that an export gives
// it back and the audit's PRACTICE-CAPABILITY-UNATTESTED rule reads the same thing. An
// admin attests on the version of the practice they read; the attestation replaces the
// previous one whole (the dataset holds one) and the activity log keeps that it changed.

const ref = z.string().min(1, 'is required').max(200);

export const practiceCapabilitiesInputSchema = z.strictObject({ practiceId: ref });
export type PracticeCapabilitiesInput = z.input<typeof practiceCapabilitiesInputSchema>;

export const attestCapabilitiesInputSchema = z.strictObject({
  practiceId: ref,
  capabilities: capabilitiesSchema,
  expectedVersion: z.number().int().min(1, 'must be the version read (1 or more)'),
});
export type AttestCapabilitiesInput = z.input<typeof attestCapabilitiesInputSchema>;

export interface PracticeCapabilities {
  practiceId: string;
  name: string;
  timezone: string;
  /** Undefined while the practice has never attested. */
  capabilities: Practice['capabilities'];
  version: number;
}

/** The practice's current attestation (not patient data: nothing goes to the log). */
export async function practiceCapabilities(
  db: Db,
  orgId: string,
  input: PracticeCapabilitiesInput,
): Promise<PracticeCapabilities> {
  const { practiceId } = parseInput(practiceCapabilitiesInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const row = await trx
      .selectFrom('practices')
      .select(['data', 'version'])
      .where('org_id', '=', orgId)
      .where('id', '=', practiceId)
      .executeTakeFirst();
    if (!row) return refuse('not-found', 'practiceId', `no practice "${practiceId}"`);
    return toCapabilities(practiceSchema.parse(recordOf(row)), Number(row.version));
  });
}

/**
 * Records the practice's attestation, on the version read, with one activity-log entry.
 * An attestation dated after today (on the practice's calendar) is refused: it attests
 * what the practice has, not what it plans to have.
 */
export async function attestPracticeCapabilities(
  db: Db,
  orgId: string,
  actor: string,
  input: AttestCapabilitiesInput,
  now: Date,
): Promise<PracticeCapabilities> {
  const { practiceId, capabilities, expectedVersion } = parseInput(
    attestCapabilitiesInputSchema,
    input,
  );
  return withTenant(db, orgId, async (trx) => {
    // As every writer of what a month's close rests on (the audit reads the attestation).
    await lockPractice(trx, orgId, practiceId, 'shared');
    const row = await trx
      .selectFrom('practices')
      .select(['data', 'version'])
      .where('org_id', '=', orgId)
      .where('id', '=', practiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return refuse('not-found', 'practiceId', `no practice "${practiceId}"`);
    const version = Number(row.version);
    if (version !== expectedVersion)
      throw new StaleWriteError(`practice "${practiceId}"`, expectedVersion, version);
    const practice = practiceSchema.parse(recordOf(row));
    const today = dayIn(practice.timezone)(now.getTime());
    if (capabilities.attestedOn > today)
      refuse(
        'invalid',
        'capabilities.attestedOn',
        `is after today (${today}); date the attestation the day it is made`,
      );
    const attested: Practice = { ...practice, capabilities };
    const updated = await trx
      .updateTable('practices')
      .set((eb) => ({ data: JSON.stringify(attested), version: eb('version', '+', 1) }))
      .where('org_id', '=', orgId)
      .where('id', '=', practiceId)
      .returning('version')
      .executeTakeFirstOrThrow();
    await appendActivity(trx, orgId, [
      {
        actor,
        action: 'update',
        recordType: 'practice',
        recordId: practiceId,
        fields: ['capabilities'],
      },
    ]);
    return toCapabilities(attested, Number(updated.version));
  });
}

function toCapabilities(practice: Practice, version: number): PracticeCapabilities {
  return {
    practiceId: practice.id,
    name: practice.name,
    timezone: practice.timezone,
    capabilities: practice.capabilities,
    version,
  };
}
