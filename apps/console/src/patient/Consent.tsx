import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Dialog,
  DialogTrigger,
  Form,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  Radio,
  RadioGroup,
} from 'react-aria-components';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import {
  Choice,
  clinicianName,
  Field,
  isPractitioner,
  missing,
  Refusal,
  useClinicians,
  usePracticeToday,
  type Clinician,
  type PatientRef,
} from './shared.js';

// The patient's consents to care-management programs (ccm-domain §6) and the form that
// records one: verbal or written, the day, who obtained it, the billing practitioner it
// names, and each thing the patient was told. An accepted consent holds only when the
// patient was told all of them; the form says which are missing before sending, and the
// server's own refusal is shown as it gives it. A revocation keeps the consent, with the
// day and a reason.

type RecordInput = ApiInputs['consents']['record'];
type Program = RecordInput['program'];
type Element = keyof RecordInput['informed'];
type Stored = ApiOutputs['consents']['list'][number];

const PROGRAMS: ReadonlyArray<{ id: Program; label: string }> = [
  { id: 'ccm', label: 'CCM' },
  { id: 'pcm', label: 'PCM' },
  { id: 'bhi', label: 'BHI' },
  { id: 'apcm', label: 'APCM' },
];

/** What the patient must be told (§6), each in plain words; `always` ones hold since 2017. */
const ELEMENTS: Record<Element, { label: string; explain: string; always: boolean }> = {
  availability: {
    label: 'The service is available',
    explain: 'that care management between visits is offered to them.',
    always: true,
  },
  costSharing: {
    label: 'Cost sharing applies',
    explain: 'that their coinsurance and deductible apply, though most of it is not face to face.',
    always: true,
  },
  onePractitionerPerMonth: {
    label: 'One practitioner a month',
    explain: 'that only one practitioner can provide and bill it in a calendar month.',
    always: true,
  },
  rightToStop: {
    label: 'They may stop at any time',
    explain: 'that stopping takes effect at the end of the calendar month.',
    always: true,
  },
  electronicSharing: {
    label: 'Information is shared electronically',
    explain:
      'with the other practitioners treating them (part of the written agreement required before 2017).',
    always: false,
  },
};
const ELEMENT_IDS = Object.keys(ELEMENTS) as Element[];
/** Before 2017 consent was a written, signed agreement that also covered electronic sharing. */
const WRITTEN_UNTIL = '2017-01-01';

function isElement(value: string): value is Element {
  return Object.hasOwn(ELEMENTS, value);
}

function ConsentForm({
  practiceId,
  patientId,
  clinicians,
  onDone,
}: PatientRef & { clinicians: Clinician[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [program, setProgram] = useState<Program>('ccm');
  const [decision, setDecision] = useState<RecordInput['decision']>('accepted');
  const [method, setMethod] = useState<RecordInput['method'] | null>(null);
  const today = usePracticeToday(practiceId);
  const [date, setDate] = useState(today);
  const [practitionerId, setPractitionerId] = useState<string | null>(null);
  const [obtainedById, setObtainedById] = useState<string | null>(null);
  const [told, setTold] = useState<Element[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const record = useMutation(
    trpc.consents.record.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.consents.pathFilter());
        await queryClient.invalidateQueries(trpc.patients.pathFilter());
        onDone();
      },
    }),
  );
  const options = (list: Clinician[]) =>
    list.map((c) => ({ id: c.id, label: clinicianName(clinicians, c.id) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.reset();
    const lacking = missing({
      method: method !== null,
      date: date !== '',
      'billing practitioner': practitionerId !== null,
      'obtained by': obtainedById !== null,
    });
    const early = date !== '' && date < WRITTEN_UNTIL;
    const untold =
      decision === 'accepted'
        ? ELEMENT_IDS.filter((el) => (ELEMENTS[el].always || early) && !told.includes(el))
        : [];
    const problems = [
      lacking,
      untold.length > 0
        ? `Before an accepted consent holds the patient must be told: ${untold.map((el) => ELEMENTS[el].label).join(', ')}. Tell them, tick each, then save.`
        : undefined,
      decision === 'accepted' && early && method === 'verbal'
        ? 'Method: before 2017 consent had to be a written, signed agreement.'
        : undefined,
    ].filter((p) => p !== undefined);
    setRefusal(problems.length > 0 ? problems.join(' ') : undefined);
    if (problems.length > 0 || method === null || !practitionerId || !obtainedById) return;
    const informed = {
      availability: told.includes('availability'),
      costSharing: told.includes('costSharing'),
      onePractitionerPerMonth: told.includes('onePractitionerPerMonth'),
      rightToStop: told.includes('rightToStop'),
      electronicSharing: told.includes('electronicSharing'),
    };
    record.mutate({
      practiceId,
      patientId,
      program,
      date,
      method,
      practitionerId,
      obtainedById,
      decision,
      informed,
    });
  };

  return (
    <Form className="record-form" aria-label="Record a consent" onSubmit={submit}>
      <Choice label="Program" options={PROGRAMS} value={program} onChange={setProgram} />
      <RadioGroup
        className="choices"
        value={decision}
        onChange={(v) => setDecision(v === 'declined' ? 'declined' : 'accepted')}
      >
        <Label>Decision</Label>
        <Radio value="accepted">Accepted</Radio>
        <Radio value="declined">Declined</Radio>
      </RadioGroup>
      <RadioGroup
        className="choices"
        value={method}
        onChange={(v) => setMethod(v === 'written' ? 'written' : 'verbal')}
      >
        <Label>Method</Label>
        <Radio value="verbal">Verbal</Radio>
        <Radio value="written">Written</Radio>
      </RadioGroup>
      <Field label="Date given" type="date" value={date} onChange={setDate} />
      <Choice
        label="Billing practitioner"
        options={options(clinicians.filter(isPractitioner))}
        value={practitionerId}
        onChange={setPractitionerId}
      />
      <Choice
        label="Obtained by"
        options={options(clinicians)}
        value={obtainedById}
        onChange={setObtainedById}
      />
      <CheckboxGroup
        className="checklist wide"
        value={told}
        onChange={(values) => setTold(values.filter(isElement))}
      >
        <Label>What the patient was told</Label>
        {ELEMENT_IDS.map((el) => (
          <Checkbox key={el} value={el}>
            {({ isSelected }) => (
              <>
                <span className="box" aria-hidden="true">
                  {isSelected ? '✓' : ''}
                </span>
                <span>
                  <strong>{ELEMENTS[el].label}</strong>: {ELEMENTS[el].explain}
                </span>
              </>
            )}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {refusal ? <Refusal>{refusal}</Refusal> : null}
      {record.isError ? <Problem error={record.error} /> : null}
      <div className="actions wide">
        <Button type="submit" className="button primary" isDisabled={record.isPending}>
          Save the consent
        </Button>
        <Button className="button" onPress={onDone}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}

function RevokeDialog({ practiceId, patientId, stored }: PatientRef & { stored: Stored }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = usePracticeToday(practiceId);
  const [revokedOn, setRevokedOn] = useState(today);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const revoke = useMutation(trpc.consents.revoke.mutationOptions());
  return (
    <DialogTrigger>
      <Button className="button">Revoke…</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog>
            {({ close }) => (
              <Form
                className="record-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const lacking = missing({
                    'revocation date': revokedOn !== '',
                    reason: reason.trim() !== '',
                  });
                  setRefusal(lacking);
                  if (lacking) return;
                  revoke.mutate(
                    {
                      practiceId,
                      patientId,
                      consentId: stored.record.id,
                      expectedVersion: stored.version,
                      revokedOn,
                      reason: reason.trim(),
                    },
                    {
                      onSuccess: async () => {
                        await queryClient.invalidateQueries(trpc.consents.pathFilter());
                        close();
                      },
                    },
                  );
                }}
              >
                <Heading slot="title" className="wide">
                  Revoke the {stored.record.program.toUpperCase()} consent of {stored.record.date}
                </Heading>
                <p className="wide">It takes effect at the end of the month it is made in.</p>
                <Field label="Revoked on" type="date" value={revokedOn} onChange={setRevokedOn} />
                <Field label="Reason" value={reason} onChange={setReason} />
                {refusal ? <Refusal>{refusal}</Refusal> : null}
                {revoke.isError ? <Problem error={revoke.error} /> : null}
                <div className="actions wide">
                  <Button type="submit" className="button primary" isDisabled={revoke.isPending}>
                    Revoke the consent
                  </Button>
                  <Button className="button" onPress={close}>
                    Cancel
                  </Button>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

const column = createColumnHelper<Stored>();

export function Consent({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const { can } = useSession();
  const clinicians = useClinicians({ practiceId, patientId });
  const [open, setOpen] = useState(false);
  const consents = useQuery(trpc.consents.list.queryOptions({ practiceId, patientId }));
  const writable = can('consent.write');
  // Newest first: the consent in force is usually the latest. Kept the same array between
  // renders: TanStack Table resets its state on new data, and that state change would
  // render again with another new array, without end.
  const newestFirst = useMemo(() => [...(consents.data ?? [])].reverse(), [consents.data]);
  const columns = [
    column.accessor((s) => s.record.program.toUpperCase(), { id: 'program', header: 'Program' }),
    column.accessor((s) => s.record.date, { id: 'date', header: 'Date' }),
    column.accessor((s) => s.record.decision, { id: 'decision', header: 'Decision' }),
    column.accessor((s) => s.record.method, { id: 'method', header: 'Method' }),
    column.accessor((s) => clinicianName(clinicians, s.record.practitionerId), {
      id: 'practitioner',
      header: 'Billing practitioner',
    }),
    column.accessor((s) => clinicianName(clinicians, s.record.obtainedById), {
      id: 'obtainedBy',
      header: 'Obtained by',
    }),
    column.accessor(
      (s) =>
        ELEMENT_IDS.filter((el) => s.record.informed[el])
          .map((el) => ELEMENTS[el].label)
          .join('; ') || 'nothing recorded',
      { id: 'told', header: 'Told' },
    ),
    column.accessor(
      (s) =>
        s.record.revokedOn
          ? `revoked ${s.record.revokedOn} (ends with its month)`
          : s.record.decision === 'accepted'
            ? 'in force'
            : '—',
      { id: 'standing', header: 'Standing' },
    ),
    ...(writable
      ? [
          column.display({
            id: 'actions',
            header: 'Actions',
            cell: ({ row }) =>
              row.original.record.decision === 'accepted' && !row.original.record.revokedOn ? (
                <RevokeDialog practiceId={practiceId} patientId={patientId} stored={row.original} />
              ) : null,
          }),
        ]
      : []),
  ];
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: newestFirst,
    columns,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
  });
  return (
    <section className="record-section" aria-labelledby="consent-title">
      <div className="toolbar">
        <h2 id="consent-title">Consent</h2>
        {writable && !open ? (
          <Button className="button" onPress={() => setOpen(true)}>
            Record a consent
          </Button>
        ) : null}
      </div>
      {open ? (
        <ConsentForm
          practiceId={practiceId}
          patientId={patientId}
          clinicians={clinicians}
          onDone={() => setOpen(false)}
        />
      ) : null}
      {consents.isPending ? <Loading>Loading the consents…</Loading> : null}
      {consents.isError ? <Problem error={consents.error} /> : null}
      {consents.isSuccess && consents.data.length === 0 ? (
        <p className="status">No consent is recorded for this patient.</p>
      ) : null}
      {consents.isSuccess && consents.data.length > 0 ? (
        <DataTable table={table} testId="consents-table" rowTestId="consent-row" />
      ) : null}
    </section>
  );
}
