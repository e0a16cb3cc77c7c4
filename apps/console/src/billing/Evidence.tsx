import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTRPC, type ApiOutputs } from '../api.js';
import { practiceMonth } from '../months.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { linesText, STATE_LABELS, type ProposalRow } from './model.js';

// What a proposal rests on, for the person approving it: the rules core's figures (minutes
// by clinical staff and by the practitioner, the lines, the date of service, blockers and
// warnings) beside the patient's record for the month: whose minutes they are, the consent,
// the care plan and the latest face-to-face visit. Read when the dialog opens.

type Found = ApiOutputs['patients']['get'];
type Patient = Found['patient'];
type Clinician = Found['clinicians'][number];

interface ClinicianMinutes {
  clinicianId: string;
  name: string;
  role: string;
  entries: number;
  minutes: number;
}

const column = createColumnHelper<ClinicianMinutes>();
const columns = [
  column.accessor('name', { header: 'Clinician' }),
  column.accessor('role', { header: 'Role' }),
  column.accessor('entries', { header: 'Entries' }),
  column.accessor('minutes', { header: 'Minutes', cell: (c) => c.getValue().toFixed(1) }),
];

const entryMinutes = (e: Patient['timeEntries'][number]) =>
  e.end !== undefined ? (Date.parse(e.end) - Date.parse(e.start)) / 60_000 : (e.minutes ?? 0);

/** The month's care-management minutes by clinician (every service), most first. */
function minutesByClinician(
  patient: Patient,
  clinicians: readonly Clinician[],
  month: string,
  timeZone: string,
): ClinicianMinutes[] {
  const byId = new Map<string, ClinicianMinutes>();
  for (const entry of patient.timeEntries) {
    if (practiceMonth(timeZone, new Date(entry.start)) !== month) continue;
    const who = clinicians.find((c) => c.id === entry.clinicianId);
    const row = byId.get(entry.clinicianId) ?? {
      clinicianId: entry.clinicianId,
      name: who?.name ?? entry.clinicianId,
      role: who ? `${who.role} (${who.credential})` : 'unknown',
      entries: 0,
      minutes: 0,
    };
    row.entries += 1;
    row.minutes += entryMinutes(entry);
    byId.set(entry.clinicianId, row);
  }
  return [...byId.values()].sort((a, b) => b.minutes - a.minutes);
}

export function EvidenceDialog({
  row,
  practiceId,
  month,
  timeZone,
  onClose,
}: {
  row: ProposalRow;
  practiceId: string;
  month: string;
  timeZone: string;
  onClose: () => void;
}) {
  const { proposal } = row;
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="modal billing-modal">
        <Dialog data-testid="evidence">
          <Heading slot="title">
            Evidence · {proposal.patientId} · {month}
          </Heading>
          <dl className="facts">
            <dt>State</dt>
            <dd>{STATE_LABELS[row.state]}</dd>
            <dt>Billing practitioner</dt>
            <dd>{proposal.billingPractitionerId ?? 'none yet'}</dd>
            <dt>Proposed lines</dt>
            <dd data-testid="evidence-lines">{linesText(proposal.lines) || 'none'}</dd>
            <dt>Date of service</dt>
            <dd>{proposal.dateOfService ?? '—'}</dd>
            <dt>Countable minutes</dt>
            <dd data-testid="evidence-minutes">
              {proposal.countableMinutes.clinicalStaff} by clinical staff,{' '}
              {proposal.countableMinutes.practitioner} by the practitioner
            </dd>
            <dt>Next level</dt>
            <dd>
              {proposal.next
                ? `${proposal.next.minutesNeeded} more minute(s) reach ${proposal.next.code}`
                : 'top level reached'}
            </dd>
          </dl>
          <Findings title="Blockers" items={proposal.blockers} testId="evidence-blockers" />
          <Findings title="Warnings" items={proposal.warnings} testId="evidence-warnings" />
          <PatientRecord
            practiceId={practiceId}
            patientId={proposal.patientId}
            month={month}
            timeZone={timeZone}
          />
          <Button className="button" slot="close">
            Close
          </Button>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function Findings({
  title,
  items,
  testId,
}: {
  title: string;
  items: ReadonlyArray<{ ruleId: string; message: string }>;
  testId: string;
}) {
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul data-testid={testId}>
          {items.map((b, i) => (
            <li key={i}>
              <strong>{b.ruleId}</strong>: {b.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PatientRecord({
  practiceId,
  patientId,
  month,
  timeZone,
}: {
  practiceId: string;
  patientId: string;
  month: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const found = useQuery(trpc.patients.get.queryOptions({ practiceId, patientId }));
  const data = found.data;
  const minutes = data ? minutesByClinician(data.patient, data.clinicians, month, timeZone) : [];
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: minutes,
    columns,
    getCoreRowModel: getCoreRowModel(),
    autoResetPageIndex: false, // a new array each render would otherwise loop
  });
  if (found.isPending) return <Loading>Loading the patient's record…</Loading>;
  if (found.isError) return <Problem error={found.error} />;
  const { patient, clinicians } = found.data;
  const nameOf = (id: string) => clinicians.find((c) => c.id === id)?.name ?? id;
  const monthEnd = `${month}-31`;
  const consent = patient.consents
    .filter((c) => c.program === 'ccm' && c.date <= monthEnd)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
  const plans = patient.carePlans
    .filter((p) => p.date <= monthEnd)
    .sort((a, b) => a.date.localeCompare(b.date));
  const visit = patient.encounters
    .filter((e) => e.kind === 'visit' && e.date <= monthEnd)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1);
  const plan = plans.at(-1);
  return (
    <>
      <h3>Patient</h3>
      <dl className="facts">
        <dt>Name</dt>
        <dd data-testid="evidence-patient">
          {patient.name.family}, {patient.name.given}
        </dd>
        <dt>MRN</dt>
        <dd>{patient.mrn}</dd>
      </dl>
      <h3>Minutes by clinician in {month}</h3>
      <DataTable table={table} testId="evidence-time" rowTestId="evidence-time-row" />
      {minutes.length === 0 ? <p>No time recorded in {month}.</p> : null}
      <h3>Consent, care plan and visit</h3>
      <dl className="facts" data-testid="evidence-record">
        <dt>CCM consent</dt>
        <dd>
          {consent
            ? `${consent.decision} ${consent.date} (${consent.method}), for ${nameOf(consent.practitionerId)}` +
              (consent.revokedOn ? `; revoked ${consent.revokedOn}` : '')
            : 'none recorded'}
        </dd>
        <dt>Care plan</dt>
        <dd>
          {plan
            ? `${plans.length} event(s), latest ${plan.event} ${plan.date} with ${plan.elements.length} element(s)` +
              (plan.sharedWithPatient ? `, shared ${plan.sharedWithPatient.date}` : ', not shared')
            : 'none recorded'}
        </dd>
        <dt>Latest visit</dt>
        <dd>
          {visit
            ? `${visit.date} (${visit.code}) by ${nameOf(visit.clinicianId)}`
            : 'none recorded'}
        </dd>
      </dl>
    </>
  );
}
