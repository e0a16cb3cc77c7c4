import { timeEntrySchema, type TimeEntry } from '@chronicle/dataset';
import { z } from 'zod';
import { appendActivity } from './activity-log.js';
import { parseInput, refuse } from './care-record-error.js';
import { ClosedMonthError } from './closed-months.js';
import { appendRecord, type StoredRecord } from './patient-records.js';
import { isPractitioner, openPatient, type PatientScope } from './patient-scope.js';
import { refuseMdm, timeKeeper } from './time-entries.js';
import { withTenant, type Db, type Tx } from './tenant.js';

// A running timer per user and patient, kept in the database (any server process can
// stop what another started). Stopping it writes a time entry of the user's clinician,
// from the second it started to the second it stopped, in one transaction with the
// timer's removal: a timer becomes exactly one entry, or stays running.

const ref = z.string().min(1, 'is required').max(200);
const activity = z.string().trim().max(4000);
const where = { practiceId: ref, patientId: ref };

/** A timer left running overnight would record time that was not spent. */
export const MAX_TIMER_HOURS = 12;

export const startTimerInputSchema = z.strictObject({
  ...where,
  service: timeEntrySchema.shape.service,
  /** What is being done; it may also be given (or replaced) when the timer stops. */
  activity: activity.optional(),
});
export type StartTimerInput = z.input<typeof startTimerInputSchema>;

export const stopTimerInputSchema = z.strictObject({
  ...where,
  activity: activity.optional(),
  mdm: timeEntrySchema.shape.mdm,
});
export type StopTimerInput = z.input<typeof stopTimerInputSchema>;

export const timerInputSchema = z.strictObject(where);
export type TimerInput = z.input<typeof timerInputSchema>;

export interface RunningTimer {
  practiceId: string;
  patientId: string;
  clinicianId: string;
  service: TimeEntry['service'];
  activity: string;
  startedAt: string;
}

export async function startTimer(
  db: Db,
  orgId: string,
  userId: string,
  input: StartTimerInput,
  now: Date,
): Promise<RunningTimer> {
  const { practiceId, patientId, service, ...rest } = parseInput(startTimerInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, now);
    const clinician = await timeKeeper(scope, userId);
    const startedAt = wholeSeconds(now.getTime());
    refuseClosedMonth(scope, startedAt);
    const running = await findTimer(trx, orgId, userId, scope);
    if (running)
      refuse(
        'conflict',
        'patientId',
        `a timer on patient "${patientId}" is already running since ${running.startedAt}`,
      );
    const timer: RunningTimer = {
      practiceId,
      patientId,
      clinicianId: clinician.id,
      service,
      activity: rest.activity ?? '',
      startedAt: instant(startedAt),
    };
    await trx
      .insertInto('timers')
      .values({
        org_id: orgId,
        user_id: userId,
        practice_id: practiceId,
        patient_id: patientId,
        clinician_id: timer.clinicianId,
        service,
        activity: timer.activity,
        started_at: timer.startedAt,
      })
      .execute();
    await log(trx, orgId, userId, scope, 'create');
    return timer;
  });
}

/** Stops the user's timer on the patient and writes its time entry. */
export async function stopTimer(
  db: Db,
  orgId: string,
  userId: string,
  input: StopTimerInput,
  now: Date,
): Promise<StoredRecord<TimeEntry>> {
  const { practiceId, patientId, ...stop } = parseInput(stopTimerInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, now);
    const timer = await removeTimer(trx, orgId, userId, scope);
    const start = Date.parse(timer.startedAt);
    const end = wholeSeconds(now.getTime());
    refuseClosedMonth(scope, start);
    if (end - start < 1000)
      refuse(
        'invalid',
        'patientId',
        'the timer has run for less than a second; there is nothing to record',
      );
    if (end - start > MAX_TIMER_HOURS * 3_600_000)
      refuse(
        'invalid',
        'patientId',
        `the timer has run for more than ${MAX_TIMER_HOURS} hours, longer than any contact; cancel it and add the time spent by hand`,
      );
    const activity = stop.activity ?? timer.activity;
    if (activity === '') refuse('invalid', 'activity', 'say what was done');
    const clinician = scope.clinicians.get(timer.clinicianId);
    if (stop.mdm !== undefined && !(clinician && isPractitioner(clinician))) refuseMdm('mdm');
    await log(trx, orgId, userId, scope, 'delete');
    return appendRecord(
      scope,
      'time_entry',
      {
        clinicianId: timer.clinicianId,
        start: timer.startedAt,
        end: instant(end),
        service: timer.service,
        activity,
        ...(stop.mdm === undefined ? {} : { mdm: stop.mdm }),
      },
      userId,
    );
  });
}

/** Discards the user's timer on the patient without recording any time. */
export async function cancelTimer(
  db: Db,
  orgId: string,
  userId: string,
  input: TimerInput,
  now: Date,
): Promise<RunningTimer> {
  const { practiceId, patientId } = parseInput(timerInputSchema, input);
  return withTenant(db, orgId, async (trx) => {
    const scope = await openPatient(trx, orgId, { practiceId, patientId }, now);
    const timer = await removeTimer(trx, orgId, userId, scope);
    await log(trx, orgId, userId, scope, 'delete');
    return timer;
  });
}

/** The user's running timer on the patient, if any (not logged: it is the user's own). */
export async function runningTimer(
  db: Db,
  orgId: string,
  userId: string,
  input: TimerInput,
): Promise<RunningTimer | null> {
  const { practiceId, patientId } = parseInput(timerInputSchema, input);
  return withTenant(
    db,
    orgId,
    async (trx) => (await findTimer(trx, orgId, userId, { practiceId, patientId })) ?? null,
  );
}

async function findTimer(
  trx: Tx,
  orgId: string,
  userId: string,
  at: { practiceId: string; patientId: string },
): Promise<RunningTimer | undefined> {
  const row = await trx
    .selectFrom('timers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('practice_id', '=', at.practiceId)
    .where('patient_id', '=', at.patientId)
    .executeTakeFirst();
  return (
    row && {
      practiceId: row.practice_id,
      patientId: row.patient_id,
      clinicianId: row.clinician_id,
      service: timeEntrySchema.shape.service.parse(row.service),
      activity: row.activity,
      startedAt: instant(new Date(row.started_at).getTime()),
    }
  );
}

async function removeTimer(
  trx: Tx,
  orgId: string,
  userId: string,
  scope: PatientScope,
): Promise<RunningTimer> {
  const timer = await findTimer(trx, orgId, userId, scope);
  if (!timer)
    return refuse(
      'not-found',
      'patientId',
      `no timer of yours is running on patient "${scope.patientId}"`,
    );
  await trx
    .deleteFrom('timers')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('practice_id', '=', scope.practiceId)
    .where('patient_id', '=', scope.patientId)
    .execute();
  return timer;
}

/** Time started now would rest on the month it starts in; a closed one takes none. */
function refuseClosedMonth(scope: PatientScope, ms: number): void {
  const month = scope.closed.localMonth(ms);
  if (scope.closed.byPatient.get(scope.patientId)?.includes(month))
    throw new ClosedMonthError([
      {
        path: 'patientId',
        message: `month ${month} of patient "${scope.patientId}" is closed; time in it is recorded only by amendment`,
      },
    ]);
}

function log(
  trx: Tx,
  orgId: string,
  userId: string,
  scope: PatientScope,
  action: 'create' | 'delete',
): Promise<void> {
  return appendActivity(trx, orgId, [
    {
      actor: userId,
      action,
      recordType: 'timer',
      recordId: `${scope.practiceId}/${scope.patientId}/${userId}`,
      fields: ['service', 'activity', 'startedAt'],
    },
  ]);
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** An instant to the second, in UTC (the practice's calendar places it in its month). */
function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
