import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCarePlanEvent,
  addTimeEntry,
  amendTimeEntry,
  recordConsent,
  revokeConsent,
  shareCarePlan,
  StaleWriteError,
  verifyActivityLog,
  type Connection,
} from '../src/index.js';
import { carePractice, NOW, type CarePractice } from './support/care-practice.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

// Eight edits of one patient record at one version, all at once: one is written, every
// other is refused as stale (naming the version read and the version now), and nothing
// else goes wrong. Issue 8: on PostgreSQL, amendments at once deadlocked (a 500 to the
// client), because an amendment locked the record and then, through its row's reference to
// the patient, the patient, while the next edit's read had locked the patient and waited
// for the record.

const ORG = 'org-concurrent';
const EDITORS = 8;

describe.each(DATABASE_KINDS)('edits of one record at once on %s', (kind) => {
  let database: TestDatabase;
  let conn: Connection;
  let p: CarePractice;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    conn = await database.open();
    p = await carePractice(conn.db, ORG);
  }, 60_000);
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  const where = () => ({ practiceId: p.practiceId, patientId: p.patient.id });

  /** Runs the edits at once: the index of the one written; every other refused as stale. */
  async function race(record: string, edits: Array<() => Promise<{ version: number }>>) {
    const settled = await Promise.allSettled(edits.map((edit) => edit()));
    const written = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []));
    expect(written).toHaveLength(1);
    for (const s of settled)
      if (s.status === 'rejected') {
        expect(s.reason).toBeInstanceOf(StaleWriteError);
        expect((s.reason as Error).message).toBe(
          `expectedVersion: ${record} was read at version 1 but is now at version 2; nothing was written: read it again and redo the change`,
        );
      }
    const winner = settled[written[0] as number] as PromiseFulfilledResult<{ version: number }>;
    expect(winner.value.version).toBe(2);
    expect(await verifyActivityLog(conn.db, ORG)).toMatchObject({ ok: true });
    return written[0] as number;
  }

  it('revokes a consent once (an amendment)', async () => {
    const { record } = await recordConsent(
      conn.db,
      ORG,
      'u-rn',
      {
        ...where(),
        program: 'ccm',
        date: '2026-11-02',
        method: 'verbal',
        practitionerId: p.md.id,
        obtainedById: p.rn.id,
        decision: 'accepted',
        informed: {
          availability: true,
          costSharing: true,
          onePractitionerPerMonth: true,
          rightToStop: true,
        },
      },
      NOW,
    );
    const edits = Array.from(
      { length: EDITORS },
      (_, i) => () =>
        revokeConsent(
          conn.db,
          ORG,
          'u-rn',
          {
            ...where(),
            consentId: record.id,
            expectedVersion: 1,
            revokedOn: `2026-11-${String(10 + i)}`,
            reason: `The patient asked to stop (${i})`,
          },
          NOW,
        ),
    );
    await race(`consent "${record.id}" of patient "${p.patient.id}"`, edits);
  });

  it.each([
    ['ordinary edits', undefined],
    ['amendments', 'The call was entered with the wrong length'],
  ])('changes a time entry once, by %s', async (_, reason) => {
    const { record } = await addTimeEntry(
      conn.db,
      ORG,
      'u-rn',
      {
        ...where(),
        start: '2026-11-20T15:00:00Z',
        minutes: 10,
        service: 'ccm',
        activity: 'Reviewed the medication list',
      },
      NOW,
    );
    const edits = Array.from(
      { length: EDITORS },
      (_, i) => () =>
        amendTimeEntry(
          conn.db,
          ORG,
          'u-md',
          {
            ...where(),
            entryId: record.id,
            expectedVersion: 1,
            changes: { minutes: 11 + i },
            ...(reason ? { reason } : {}),
          },
          NOW,
        ),
    );
    await race(`time entry "${record.id}" of patient "${p.patient.id}"`, edits);
  });

  it('shares a care-plan event once, as an amendment', async () => {
    const { record } = await addCarePlanEvent(
      conn.db,
      ORG,
      'u-rn',
      {
        ...where(),
        date: '2026-11-03',
        event: 'reviewed',
        authorId: p.rn.id,
        elements: ['problem-list', 'periodic-review-schedule'],
      },
      NOW,
    );
    const edits = Array.from(
      { length: EDITORS },
      (_, i) => () =>
        shareCarePlan(
          conn.db,
          ORG,
          'u-rn',
          {
            ...where(),
            eventId: record.id,
            expectedVersion: 1,
            date: `2026-11-${String(10 + i)}`,
            method: 'paper',
            reason: 'Shared at the follow-up visit',
          },
          NOW,
        ),
    );
    await race(`care-plan event "${record.id}" of patient "${p.patient.id}"`, edits);
  });
});
