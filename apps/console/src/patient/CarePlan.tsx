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
  isClinical,
  missing,
  Refusal,
  useClinicians,
  usePracticeToday,
  type Clinician,
  type PatientRef,
} from './shared.js';

// The care plan (ccm-domain §7) as its versions: each event (established, revised,
// reviewed) with the elements the plan then held, what changed from the version before,
// whether a revision was substantial (complex CCM rests on it), and when and how the plan
// was shared with the patient (CERT counts a plan never given to the patient an error).

type AddInput = ApiInputs['carePlans']['addEvent'];
type EventKind = AddInput['event'];
type Element = AddInput['elements'][number];
type ShareMethod = ApiInputs['carePlans']['share']['method'];
type Stored = ApiOutputs['carePlans']['list'][number];
type Version = Stored & { number: number; added: Element[]; removed: Element[]; first: boolean };

/** The elements a plan typically holds (§7), each in plain words. */
const ELEMENTS: Record<Element, { label: string; explain: string }> = {
  'problem-list': { label: 'Problem list', explain: 'health problems, chronic conditions first' },
  'expected-outcomes': {
    label: 'Expected outcome and prognosis',
    explain: 'what is expected for each problem',
  },
  'measurable-goals': {
    label: 'Measurable treatment goals',
    explain: 'targets that can be checked, such as an A1c under 8%',
  },
  'symptom-management': {
    label: 'Symptom management',
    explain: 'how symptoms are watched and eased',
  },
  'planned-interventions': {
    label: 'Planned interventions',
    explain: 'what will be done, by whom and when',
  },
  'medication-management': {
    label: 'Medication management',
    explain: 'medicines reconciled, how they are taken and reviewed',
  },
  'community-resources': {
    label: 'Community resources',
    explain: 'services outside the practice the patient is linked to',
  },
  'coordination-with-other-providers': {
    label: 'Coordination with other providers',
    explain: 'how care with specialists, hospitals and agencies is joined up',
  },
  'periodic-review-schedule': {
    label: 'Periodic review',
    explain: 'when the plan will next be reviewed',
  },
  'functional-assessment': {
    label: 'Cognitive and functional assessment',
    explain: 'what the patient can do day to day',
  },
  'psychosocial-assessment': {
    label: 'Psychosocial assessment',
    explain: 'mood, mental health and social support',
  },
  'environmental-assessment': {
    label: 'Environmental evaluation',
    explain: 'home safety and living situation',
  },
  'caregiver-assessment': {
    label: 'Caregiver assessment',
    explain: 'who helps the patient and what they need',
  },
};
const ELEMENT_IDS = Object.keys(ELEMENTS) as Element[];

const EVENT_LABELS: Record<EventKind, string> = {
  established: 'Established',
  revised: 'Revised',
  reviewed: 'Reviewed',
};

const SHARE_METHODS: ReadonlyArray<{ id: ShareMethod; label: string }> = [
  { id: 'paper', label: 'Paper copy' },
  { id: 'portal', label: 'Patient portal' },
  { id: 'email', label: 'Email' },
  { id: 'mail', label: 'Mail' },
  { id: 'other', label: 'Other' },
];

function isElement(value: string): value is Element {
  return Object.hasOwn(ELEMENTS, value);
}

function isEventKind(value: string): value is EventKind {
  return Object.hasOwn(EVENT_LABELS, value);
}

/** Each event as a version of the plan, with what changed from the one before, newest first. */
function versionsOf(list: Stored[]): Version[] {
  return list
    .map((stored, i) => {
      const before = i > 0 ? (list[i - 1] as Stored).record.elements : [];
      const now = stored.record.elements;
      return {
        ...stored,
        number: i + 1,
        first: i === 0,
        added: now.filter((el) => !before.includes(el)),
        removed: before.filter((el) => !now.includes(el)),
      };
    })
    .reverse();
}

function changesText(v: Version): string {
  if (v.first) return 'first version';
  const parts = [
    ...v.added.map((el) => `+ ${ELEMENTS[el].label}`),
    ...v.removed.map((el) => `− ${ELEMENTS[el].label}`),
  ];
  return parts.length > 0 ? parts.join('; ') : 'elements unchanged';
}

function EventForm({
  practiceId,
  patientId,
  latest,
  clinicians,
  onDone,
}: PatientRef & { latest: Stored | undefined; clinicians: Clinician[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = usePracticeToday(practiceId);
  const [event, setEvent] = useState<EventKind>(latest ? 'reviewed' : 'established');
  const [date, setDate] = useState(today);
  const [authorId, setAuthorId] = useState<string | null>(null);
  const [substantial, setSubstantial] = useState(false);
  // A revision or review starts from what the plan holds now.
  const [elements, setElements] = useState<Element[]>(latest?.record.elements ?? []);
  const [refusal, setRefusal] = useState<string>();
  const add = useMutation(
    trpc.carePlans.addEvent.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.carePlans.pathFilter());
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.reset();
    const lacking = missing({
      date: date !== '',
      author: authorId !== null,
      'elements (tick at least one)': elements.length > 0,
    });
    setRefusal(lacking);
    if (lacking || authorId === null) return;
    add.mutate({
      practiceId,
      patientId,
      event,
      date,
      authorId,
      // In the list's order, so versions compare element by element.
      elements: ELEMENT_IDS.filter((el) => elements.includes(el)),
      ...(event === 'revised' ? { substantialRevision: substantial } : {}),
    });
  };
  return (
    <Form className="record-form" aria-label="Record a care-plan event" onSubmit={submit}>
      <RadioGroup
        className="choices"
        value={event}
        onChange={(v) => {
          if (isEventKind(v)) setEvent(v);
        }}
      >
        <Label>Event</Label>
        {(Object.keys(EVENT_LABELS) as EventKind[]).map((k) => (
          <Radio key={k} value={k}>
            {EVENT_LABELS[k]}
          </Radio>
        ))}
      </RadioGroup>
      <Field label="Date" type="date" value={date} onChange={setDate} />
      <Choice
        label="Author"
        options={clinicians
          .filter(isClinical)
          .map((c) => ({ id: c.id, label: clinicianName(clinicians, c.id) }))}
        value={authorId}
        onChange={setAuthorId}
      />
      {event === 'revised' ? (
        <Checkbox className="single" isSelected={substantial} onChange={setSubstantial}>
          {({ isSelected }) => (
            <>
              <span className="box" aria-hidden="true">
                {isSelected ? '✓' : ''}
              </span>
              Substantial revision (complex CCM rests on establishing or substantially revising the
              plan)
            </>
          )}
        </Checkbox>
      ) : null}
      <CheckboxGroup
        className="checklist wide"
        value={elements}
        onChange={(values) => setElements(values.filter(isElement))}
      >
        <Label>Elements the plan holds</Label>
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
      {add.isError ? <Problem error={add.error} /> : null}
      <div className="actions wide">
        <Button type="submit" className="button primary" isDisabled={add.isPending}>
          Save the event
        </Button>
        <Button className="button" onPress={() => setElements(ELEMENT_IDS)}>
          Tick every element
        </Button>
        <Button className="button" onPress={onDone}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}

function ShareDialog({ practiceId, patientId, version }: PatientRef & { version: Version }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = usePracticeToday(practiceId);
  const [date, setDate] = useState(today);
  const [method, setMethod] = useState<ShareMethod | null>(null);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const share = useMutation(trpc.carePlans.share.mutationOptions());
  return (
    <DialogTrigger>
      <Button className="button">Record sharing…</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog>
            {({ close }) => (
              <Form
                className="record-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const lacking = missing({ date: date !== '', method: method !== null });
                  setRefusal(lacking);
                  if (lacking || method === null) return;
                  share.mutate(
                    {
                      practiceId,
                      patientId,
                      eventId: version.record.id,
                      expectedVersion: version.version,
                      date,
                      method,
                      ...(reason.trim() ? { reason: reason.trim() } : {}),
                    },
                    {
                      onSuccess: async () => {
                        await queryClient.invalidateQueries(trpc.carePlans.pathFilter());
                        close();
                      },
                    },
                  );
                }}
              >
                <Heading slot="title" className="wide">
                  Share version {version.number} ({version.record.date}) with the patient
                </Heading>
                <Field label="Shared on" type="date" value={date} onChange={setDate} />
                <Choice label="How" options={SHARE_METHODS} value={method} onChange={setMethod} />
                <Field
                  label="Reason (only for a plan a closed month rests on)"
                  value={reason}
                  onChange={setReason}
                />
                {refusal ? <Refusal>{refusal}</Refusal> : null}
                {share.isError ? <Problem error={share.error} /> : null}
                <div className="actions wide">
                  <Button type="submit" className="button primary" isDisabled={share.isPending}>
                    Save the sharing
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

const column = createColumnHelper<Version>();

export function CarePlan({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const { can } = useSession();
  const clinicians = useClinicians({ practiceId, patientId });
  const [open, setOpen] = useState(false);
  const plans = useQuery(trpc.carePlans.list.queryOptions({ practiceId, patientId }));
  const writable = can('care-plan.write');
  // The same array between renders: TanStack Table resets its state on new data, and that
  // state change would render again with another new array, without end.
  const versions = useMemo(() => versionsOf(plans.data ?? []), [plans.data]);
  const columns = [
    column.accessor('number', { header: 'Version' }),
    column.accessor((v) => v.record.date, { id: 'date', header: 'Date' }),
    column.accessor(
      (v) =>
        EVENT_LABELS[v.record.event] +
        (v.record.substantialRevision ? ' (substantial revision)' : ''),
      { id: 'event', header: 'Event' },
    ),
    column.accessor((v) => clinicianName(clinicians, v.record.authorId), {
      id: 'author',
      header: 'Author',
    }),
    column.accessor((v) => v.record.elements, {
      id: 'elements',
      header: 'Elements',
      cell: ({ getValue }) => {
        const held = getValue();
        return (
          <details>
            <summary>
              {held.length} of {ELEMENT_IDS.length}
            </summary>
            <ul>
              {held.map((el) => (
                <li key={el}>{ELEMENTS[el].label}</li>
              ))}
            </ul>
          </details>
        );
      },
    }),
    column.accessor(changesText, { id: 'changes', header: 'What changed' }),
    column.display({
      id: 'shared',
      header: 'Shared with patient',
      cell: ({ row }) => {
        const shared = row.original.record.sharedWithPatient;
        if (shared)
          return `${shared.date}, ${SHARE_METHODS.find((m) => m.id === shared.method)?.label ?? shared.method}`;
        return writable ? (
          <ShareDialog practiceId={practiceId} patientId={patientId} version={row.original} />
        ) : (
          'not shared'
        );
      },
    }),
  ];
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: versions,
    columns,
    getCoreRowModel: getCoreRowModel(),
    // Versions are read in their order, newest first.
    enableSorting: false,
  });
  return (
    <section className="record-section" aria-labelledby="care-plan-title">
      <div className="toolbar">
        <h2 id="care-plan-title">Care plan</h2>
        {writable && !open && plans.isSuccess ? (
          <Button className="button" onPress={() => setOpen(true)}>
            Record a care-plan event
          </Button>
        ) : null}
      </div>
      {open ? (
        <EventForm
          practiceId={practiceId}
          patientId={patientId}
          latest={plans.data?.at(-1)}
          clinicians={clinicians}
          onDone={() => setOpen(false)}
        />
      ) : null}
      {plans.isPending ? <Loading>Loading the care plan…</Loading> : null}
      {plans.isError ? <Problem error={plans.error} /> : null}
      {plans.isSuccess && versions.length === 0 ? (
        <p className="status">No care plan is recorded for this patient.</p>
      ) : null}
      {versions.length > 0 ? (
        <DataTable table={table} testId="care-plan-table" rowTestId="care-plan-row" />
      ) : null}
    </section>
  );
}
