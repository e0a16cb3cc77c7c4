import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogTrigger,
  Form,
  Heading,
  Modal,
  ModalOverlay,
} from 'react-aria-components';
import { useTRPC, type ApiInputs } from '../api.js';
import { useSession } from '../session.js';
import { Problem } from '../ui.js';
import { practiceClock, practiceInstant } from './practice-time.js';
import { Choice, Field, isPractitioner, missing, Refusal, type Clinician } from './shared.js';
import { TypedField } from './TimeEntryForm.js';
import { SERVICES, useTimeWritten, type Service, type TimeRow } from './time-shared.js';

// What may be done to one entry of the log: a practitioner approves (signs) a staff
// member's entry; an entry is edited at the version read. An edit with a reason is an
// amendment, kept with the entry before and after: the only way to change a closed month,
// and for roles holding time.approve only. An ordinary edit of an open month needs none.

type Amend = ApiInputs['time']['amend'];

interface EntryProps {
  practiceId: string;
  patientId: string;
  row: TimeRow;
  /** Whether the month the entry starts in is closed. */
  closed: boolean;
  timezone: string;
  /** The clinician the user records time as; null while unlinked. */
  you: Clinician | null;
}

export function TimeEntryActions(props: EntryProps) {
  const { can } = useSession();
  const { row, closed, you } = props;
  const mayApprove =
    can('time.approve') &&
    you !== null &&
    isPractitioner(you) &&
    row.record.signedById === undefined &&
    row.record.clinicianId !== you.id;
  const mayEdit = can('time.write') && you !== null && (!closed || can('time.approve'));
  if (!mayApprove && !mayEdit) return <>—</>;
  return (
    <div className="entry-actions">
      {mayApprove ? <ApproveEntry {...props} /> : null}
      {mayEdit ? <EditEntry {...props} /> : null}
    </div>
  );
}

function ApproveEntry({ practiceId, patientId, row, closed }: EntryProps) {
  const trpc = useTRPC();
  const written = useTimeWritten();
  const approve = useMutation(trpc.time.approve.mutationOptions({ onSuccess: written }));
  const ref = { practiceId, patientId, entryId: row.record.id, expectedVersion: row.version };
  // Signing an entry of a closed month changes it, so it is an amendment with a reason.
  if (closed)
    return (
      <ReasonDialog
        label="Approve…"
        title="Approve time in a closed month"
        pending={approve.isPending}
        error={approve.isError ? approve.error : undefined}
        onSubmit={(reason) => approve.mutateAsync({ ...ref, reason })}
      />
    );
  return (
    <>
      <Button className="button" isDisabled={approve.isPending} onPress={() => approve.mutate(ref)}>
        Approve
      </Button>
      {approve.isError ? <Problem error={approve.error} /> : null}
    </>
  );
}

function ReasonDialog({
  label,
  title,
  pending,
  error,
  onSubmit,
}: {
  label: string;
  title: string;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  return (
    <DialogTrigger>
      <Button className="button">{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                className="record-form"
                onSubmit={(event: FormEvent) => {
                  event.preventDefault();
                  if (!reason.trim()) return setRefusal('Fill in: Reason.');
                  setRefusal(undefined);
                  onSubmit(reason.trim()).then(close, () => undefined);
                }}
              >
                <Heading slot="title" className="wide">
                  {title}
                </Heading>
                <Field label="Reason" value={reason} onChange={setReason} />
                <div className="actions wide">
                  <Button type="submit" className="button primary" isDisabled={pending}>
                    Approve
                  </Button>
                  <Button className="button" onPress={close}>
                    Cancel
                  </Button>
                </div>
                {refusal ? <Refusal>{refusal}</Refusal> : null}
                {error ? <Problem error={error} /> : null}
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function EditEntry({ practiceId, patientId, row, closed, timezone }: EntryProps) {
  const { can } = useSession();
  const trpc = useTRPC();
  const written = useTimeWritten();
  const amend = useMutation(trpc.time.amend.mutationOptions({ onSuccess: written }));
  const { record } = row;
  const started = practiceClock(record.start, timezone);
  const ended = record.end !== undefined ? practiceClock(record.end, timezone) : undefined;
  const [date, setDate] = useState(started.date);
  const [start, setStart] = useState(started.time);
  const [minutes, setMinutes] = useState(String(record.minutes ?? ''));
  const [end, setEnd] = useState(ended?.time ?? '');
  const [service, setService] = useState<Service>(record.service);
  const [activity, setActivity] = useState(record.activity);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const mayAmend = can('time.approve');

  /** The fields that differ from the entry as read; undefined when the form is refused. */
  const changes = (): Amend['changes'] | undefined => {
    const lacking = missing({
      Date: date !== '',
      'Start time': start !== '',
      ...(ended ? { 'End time': end !== '' } : { Minutes: minutes !== '' }),
      'What was done': activity.trim() !== '',
      ...(closed ? { Reason: reason.trim() !== '' } : {}),
    });
    if (lacking) return void setRefusal(lacking);
    const out: Amend['changes'] = {};
    const startAt = practiceInstant(date, start, timezone);
    if (date !== started.date || start !== started.time) out.start = startAt;
    if (ended) {
      // An entry may end on the next day: the end keeps its own date unless the day moved.
      const endDate = date === started.date ? ended.date : date;
      if (date !== started.date || end !== ended.time)
        out.end = practiceInstant(endDate, end, timezone);
    } else if (Number(minutes) !== record.minutes) {
      if (!(Number(minutes) > 0)) return void setRefusal('Minutes must be a positive number.');
      out.minutes = Number(minutes);
    }
    if (service !== record.service) out.service = service;
    if (activity.trim() !== record.activity) out.activity = activity.trim();
    if (Object.keys(out).length === 0) return void setRefusal('Nothing was changed.');
    return out;
  };

  return (
    <DialogTrigger>
      <Button className="button">{closed ? 'Amend…' : 'Edit…'}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                className="record-form"
                onSubmit={(event: FormEvent) => {
                  event.preventDefault();
                  const changed = changes();
                  if (!changed) return;
                  setRefusal(undefined);
                  amend
                    .mutateAsync({
                      practiceId,
                      patientId,
                      entryId: record.id,
                      expectedVersion: row.version,
                      changes: changed,
                      ...(reason.trim() ? { reason: reason.trim() } : {}),
                    })
                    .then(close, () => undefined);
                }}
              >
                <Heading slot="title" className="wide">
                  {closed ? 'Amend time in a closed month' : 'Edit time'}
                </Heading>
                <Field label="Date" type="date" value={date} onChange={setDate} />
                <TypedField label="Start time" type="time" value={start} onChange={setStart} />
                {ended ? (
                  <TypedField label="End time" type="time" value={end} onChange={setEnd} />
                ) : (
                  <TypedField label="Minutes" type="number" value={minutes} onChange={setMinutes} />
                )}
                <Choice label="Service" options={SERVICES} value={service} onChange={setService} />
                <Field label="What was done" value={activity} onChange={setActivity} />
                {mayAmend ? (
                  <Field
                    label={
                      closed
                        ? 'Reason for the amendment (the month is closed)'
                        : 'Reason (optional: makes this an amendment)'
                    }
                    value={reason}
                    onChange={setReason}
                  />
                ) : null}
                <div className="actions wide">
                  <Button type="submit" className="button primary" isDisabled={amend.isPending}>
                    Save
                  </Button>
                  <Button className="button" onPress={close}>
                    Cancel
                  </Button>
                </div>
                {refusal ? <Refusal>{refusal}</Refusal> : null}
                {amend.isError ? <Problem error={amend.error} /> : null}
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
