import type { Dataset, Patient } from '@chronicle/dataset';
import { executeAuditRun, importDataset, requestAuditRun, startTimer } from '@chronicle/db';
import { audit, proposeBilling } from '@chronicle/rules';
import { generateDataset } from '@chronicle/synthetic';
import { ORGS, PASSWORD, type TestServer } from './harness.js';
import { keepPatientData } from './log-capture.js';
import { ok } from './results.js';

// Records that only the second organization holds, with ids no other organization uses (the
// generated practices share their ids), and for every procedure that takes an id an input
// naming them that the organization's admin could really send: the cross-organization and
// signed-out checks of security.test.ts call each procedure with it.

export const OTHER_ORG = ORGS[1];
/** Every id below starts with this, so an answer holding one is easy to find. */
export const MARK = 'south-only';

export interface OtherOrgRecords {
  dataset: Dataset;
  practiceId: string;
  /** Three patients: the first for records, the second and third with a running timer. */
  patients: [string, string, string];
  runId: string;
  laterRunId: string;
  correctiveActionId: string;
  ruleId: string;
  overpaymentId: string;
  claim: { patientId: string; claimId: string };
  consentId: string;
  eventId: string;
  /** A clinical staff member's March entry of the first patient. */
  entryId: string;
  userId: string;
}

function otherOrgDataset(): Dataset {
  const dataset = generateDataset({ seed: 90, patients: 3, year: 2026, months: 3 });
  dataset.practice.id = `${MARK}-practice`;
  dataset.practice.name = 'South Only Clinic (synthetic)';
  for (const patient of dataset.patients) {
    patient.id = `${MARK}-${patient.id}`;
    patient.mrn = `SO-${patient.mrn}`;
    for (const list of [
      patient.consents,
      patient.carePlans,
      patient.timeEntries,
      patient.claims,
    ] as Array<Array<{ id: string }>>)
      for (const record of list) record.id = `${MARK}-${record.id}`;
  }
  return dataset;
}

/** Stores the records as the second organization's, through its admin where the API can. */
export async function otherOrgRecords(server: TestServer): Promise<OtherOrgRecords> {
  const dataset = otherOrgDataset();
  keepPatientData(dataset);
  keepPatientData({ patients: [REGISTERED] } as unknown as Dataset);
  const { db } = server.conn;
  await importDataset(db, { orgId: OTHER_ORG, actor: 'test-setup', dataset });
  const practiceId = dataset.practice.id;
  const [first, second, third] = dataset.patients as [Patient, Patient, Patient];
  const admin = await server.signIn('admin', OTHER_ORG);
  // The admin records time as a practitioner of the practice.
  ok(
    await admin.mutate('clinicianLinks.set', { userId: 'admin', practiceId, clinicianId: 'c-pr1' }),
  );
  const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
  for (const patient of [second, third])
    await startTimer(
      db,
      OTHER_ORG,
      'admin',
      { practiceId, patientId: patient.id, service: 'ccm', activity: 'Call about refills' },
      fiveMinutesAgo,
    );
  const report = audit(dataset);
  const runId = await finishedAuditRun(server, OTHER_ORG, practiceId);
  const laterRunId = await finishedAuditRun(server, OTHER_ORG, practiceId);
  const plan = ok<{ items: Array<{ id: string; ruleId: string }> }>(
    await admin.mutate('correctiveActions.plan', { runId }),
  );
  const item = plan.items[0];
  if (!item) throw new Error('the audit found nothing to plan a corrective action for');
  const inError = report.months.find(
    (m) => m.billingPractitionerId && m.findings.some((f) => f.severity === 'error'),
  );
  if (!inError) throw new Error('the generated practice has no month in error');
  const overpayment = ok<{ id: string }>(
    await admin.mutate('overpayments.open', {
      runId,
      patientId: inError.patientId,
      month: inError.month,
      billingPractitionerId: inError.billingPractitionerId,
      identifiedOn: '2026-04-01',
    }),
  );
  ok(
    await admin.mutate('users.create', {
      id: `${MARK}-nurse`,
      email: `nurse@${MARK}.test`,
      displayName: 'Nurse of the other organization',
      role: 'care-manager',
      password: PASSWORD,
    }),
  );
  const withClaim = dataset.patients.find((p) => p.claims.length > 0) as Patient;
  const staffEntry = first.timeEntries.find(
    (t) => t.start.startsWith('2026-03') && t.clinicianId.startsWith('c-st'),
  );
  if (!staffEntry) throw new Error('the first patient has no staff time in March');
  return {
    dataset,
    practiceId,
    patients: [first.id, second.id, third.id],
    runId,
    laterRunId,
    correctiveActionId: item.id,
    ruleId: item.ruleId,
    overpaymentId: overpayment.id,
    claim: { patientId: withClaim.id, claimId: (withClaim.claims[0] as { id: string }).id },
    consentId: (first.consents[0] as { id: string }).id,
    eventId: (first.carePlans[0] as { id: string }).id,
    entryId: staffEntry.id,
    userId: `${MARK}-nurse`,
  };
}

/** Who the second organization registers: the same patient data-free logs must hold none of. */
export const REGISTERED = {
  name: { given: 'Opaline', family: 'Registerson' },
  birthDate: '1949-07-21',
  mbi: '7AC2DE4FG56',
};

/** A done audit run of the practice's whole record, with its report (as a job runs it). */
export async function finishedAuditRun(
  server: TestServer,
  orgId: string,
  practiceId: string,
): Promise<string> {
  const { db } = server.conn;
  const run = await requestAuditRun(db, {
    orgId,
    practiceId,
    requestedBy: 'admin',
    now: new Date(),
  });
  const status = await executeAuditRun(db, {
    orgId,
    runId: run.id,
    actor: 'admin',
    now: () => new Date(),
    checkpoints: false,
  });
  if (status !== 'done') throw new Error(`the audit run ended ${status}`);
  return run.id;
}

const informed = {
  availability: true,
  costSharing: true,
  onePractitionerPerMonth: true,
  rightToStop: true,
  electronicSharing: true,
};

/**
 * For each procedure that takes an id, an input naming the organization's records. The
 * month is March 2026 (open) for new records, January 2026 for closing and its history.
 */
export const OTHER_ORG_INPUTS: Record<string, (o: OtherOrgRecords) => unknown> = {
  'audits.cancel': (o) => ({ runId: o.runId }),
  'audits.findingCounts': (o) => ({ runId: o.runId }),
  'audits.findings': (o) => ({ runId: o.runId, limit: 5 }),
  'audits.get': (o) => ({ runId: o.runId }),
  'audits.start': (o) => ({ practiceId: o.practiceId, from: '2026-01', to: '2026-03' }),
  'carePlans.addEvent': (o) => ({
    ...patient(o),
    date: '2026-03-05',
    event: 'reviewed',
    authorId: 'c-pr1',
    elements: ['problem-list', 'periodic-review-schedule'],
  }),
  'carePlans.list': (o) => patient(o),
  'carePlans.share': (o) => ({
    ...patient(o),
    eventId: o.eventId,
    expectedVersion: 1,
    date: '2026-03-05',
    method: 'paper',
  }),
  'claims.approve': (o) => {
    // A month the documentation supports, with the lines the rules propose for it.
    const proposal = ['2026-03', '2026-02', '2026-01']
      .flatMap((month) => proposeBilling(o.dataset, month).patients.map((p) => ({ month, p })))
      .find(({ p }) => p.lines.length > 0 && p.blockers.length === 0);
    if (!proposal) throw new Error('the generated practice has no billable month');
    return {
      practiceId: o.practiceId,
      patientId: proposal.p.patientId,
      month: proposal.month,
      billingPractitionerId: proposal.p.billingPractitionerId,
      lines: proposal.p.lines,
    };
  },
  'claims.hold': (o) => ({ ...claim(o), reason: 'Checking the documentation' }),
  'claims.list': (o) => ({ practiceId: o.practiceId, month: '2026-03' }),
  'claims.markSubmitted': (o) => claim(o),
  'claims.propose': (o) => ({ practiceId: o.practiceId, month: '2026-03' }),
  'claims.release': (o) => ({ ...claim(o), reason: 'Documentation checked' }),
  'clinicianLinks.list': (o) => ({ practiceId: o.practiceId }),
  'clinicianLinks.set': (o) => ({
    userId: o.userId,
    practiceId: o.practiceId,
    clinicianId: 'c-st1',
  }),
  'consents.list': (o) => patient(o),
  'consents.record': (o) => ({
    ...patient(o),
    program: 'ccm',
    date: '2026-03-02',
    method: 'verbal',
    practitionerId: 'c-pr1',
    obtainedById: 'c-pr1',
    decision: 'accepted',
    informed,
  }),
  'consents.revoke': (o) => ({
    ...patient(o),
    consentId: o.consentId,
    expectedVersion: 1,
    revokedOn: '2026-03-03',
    reason: 'The patient asked to stop',
  }),
  'correctiveActions.create': (o) => ({ runId: o.runId, ruleId: o.ruleId }),
  'correctiveActions.list': (o) => ({ runId: o.runId }),
  'correctiveActions.plan': (o) => ({ runId: o.runId }),
  'correctiveActions.retest': (o) => ({
    id: o.correctiveActionId,
    laterRunId: o.laterRunId,
    expectedVersion: 1,
  }),
  'correctiveActions.update': (o) => ({
    id: o.correctiveActionId,
    expectedVersion: 1,
    notes: 'Training booked',
  }),
  'enrollment.change': (o) => ({
    ...patient(o),
    program: 'ccm',
    status: 'candidate',
    effectiveOn: '2026-03-01',
    reason: 'Two chronic conditions on the problem list',
  }),
  'enrollment.history': (o) => patient(o),
  'monthClose.close': (o) => ({ ...patient(o), month: '2026-01' }),
  'monthClose.history': (o) => ({ ...patient(o), month: '2026-01' }),
  'monthClose.list': (o) => ({ practiceId: o.practiceId, month: '2026-01' }),
  'monthClose.reproduce': (o) => ({ ...patient(o), month: '2026-01' }),
  'months.status': (o) => ({ ...patient(o), month: '2026-03' }),
  'overpayments.list': (o) => ({ runId: o.runId }),
  'overpayments.open': (o) => {
    const month = audit(o.dataset).months.find(
      (m) => m.billingPractitionerId && m.findings.some((f) => f.severity === 'error'),
    );
    return {
      runId: o.runId,
      patientId: month?.patientId,
      month: month?.month,
      billingPractitionerId: month?.billingPractitionerId,
      identifiedOn: '2026-04-02',
    };
  },
  'overpayments.update': (o) => ({ id: o.overpaymentId, expectedVersion: 1, notes: 'Quantifying' }),
  'patients.get': (o) => patient(o),
  'patients.list': (o) => ({ practiceId: o.practiceId, page: { index: 0, size: 10 } }),
  'patients.register': (o) => ({
    practiceId: o.practiceId,
    mrn: 'SO-NEW-1',
    ...REGISTERED,
    coverage: [{ kind: 'medicare-part-b', start: '2014-07-01' }],
    conditions: [],
    encounters: [],
  }),
  'plugins.auditRunPanels': (o) => ({ runId: o.runId }),
  'plugins.patientPanels': (o) => patient(o),
  'practices.attest': (o) => ({
    practiceId: o.practiceId,
    capabilities: { ...o.dataset.practice.capabilities, attestedOn: '2026-03-01' },
    expectedVersion: 1,
  }),
  'practices.capabilities': (o) => ({ practiceId: o.practiceId }),
  'practices.clinicians': (o) => ({ practiceId: o.practiceId }),
  'time.add': (o) => ({
    ...patient(o),
    start: '2026-03-10T10:00:00-06:00',
    minutes: 6,
    service: 'ccm',
    activity: 'Reviewed the medication list',
  }),
  'time.amend': (o) => ({
    ...patient(o),
    entryId: o.entryId,
    expectedVersion: 1,
    changes: { activity: 'Called the pharmacy about refills' },
  }),
  'time.approve': (o) => ({ ...patient(o), entryId: o.entryId, expectedVersion: 1 }),
  'time.cancelTimer': (o) => ({ practiceId: o.practiceId, patientId: o.patients[1] }),
  'time.list': (o) => ({ ...patient(o), month: '2026-03' }),
  'time.startTimer': (o) => ({ ...patient(o), service: 'ccm', activity: 'Call' }),
  'time.stopTimer': (o) => ({ practiceId: o.practiceId, patientId: o.patients[2] }),
  'users.changeRole': (o) => ({ userId: o.userId, role: 'auditor', expectedVersion: 1 }),
  'users.disable': (o) => ({ userId: o.userId, expectedVersion: 1 }),
  'users.enable': (o) => ({ userId: o.userId, expectedVersion: 1 }),
  'users.resetPassword': (o) => ({ userId: o.userId, password: 'another long passphrase' }),
  'users.unlinkSignIn': (o) => ({ userId: o.userId, expectedVersion: 1 }),
};

const patient = (o: OtherOrgRecords) => ({ practiceId: o.practiceId, patientId: o.patients[0] });
const claim = (o: OtherOrgRecords) => ({
  practiceId: o.practiceId,
  ...o.claim,
  expectedVersion: 1,
});
