import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Form, Input, Label, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useTRPC, type ApiInputs } from '../api.js';
import { Problem } from '../ui.js';
import { practiceClock, practiceInstant } from './practice-time.js';
import { Choice, Field, missing, Refusal, type PatientRef } from './shared.js';
import { MDM_LEVELS, SERVICES, useTimeWritten, type Mdm, type Service } from './time-shared.js';

// Time added by hand, for a call or a piece of work that was not timed: when it started
// on the practice's clock, and either how many minutes it took or when it ended (the
// server takes exactly one). A practitioner may add the medical decision making of their
// own entry; staff entries carry none, so the choice is offered to practitioners only.

type Length = 'minutes' | 'end';

/** A labelled field of another input type than shared.tsx's text and date fields. */
export function TypedField({
  label,
  type,
  value,
  onChange,
}: {
  label: string;
  type: 'time' | 'number';
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField className="field" type={type} value={value} onChange={onChange}>
      <Label>{label}</Label>
      <Input {...(type === 'number' ? { min: 1, step: 1 } : {})} />
    </TextField>
  );
}

export function TimeEntryForm({
  practiceId,
  patientId,
  timezone,
  practitioner,
}: PatientRef & { timezone: string; practitioner: boolean }) {
  const trpc = useTRPC();
  const written = useTimeWritten();
  const now = practiceClock(new Date().toISOString(), timezone);
  const [date, setDate] = useState(now.date);
  const [start, setStart] = useState('');
  const [length, setLength] = useState<Length>('minutes');
  const [minutes, setMinutes] = useState('');
  const [end, setEnd] = useState('');
  const [service, setService] = useState<Service>('ccm');
  const [activity, setActivity] = useState('');
  const [mdm, setMdm] = useState<Mdm | 'none'>('none');
  const [refusal, setRefusal] = useState<string>();
  const add = useMutation(
    trpc.time.add.mutationOptions({
      onSuccess: async () => {
        setStart('');
        setMinutes('');
        setEnd('');
        setActivity('');
        setMdm('none');
        await written();
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lacking = missing({
      Date: date !== '',
      'Start time': start !== '',
      ...(length === 'minutes' ? { Minutes: minutes !== '' } : { 'End time': end !== '' }),
      'What was done': activity.trim() !== '',
    });
    if (lacking) return setRefusal(lacking);
    const startAt = practiceInstant(date, start, timezone);
    const input: ApiInputs['time']['add'] = {
      practiceId,
      patientId,
      start: startAt,
      service,
      activity: activity.trim(),
      ...(mdm !== 'none' ? { mdm } : {}),
    };
    if (length === 'minutes') {
      const count = Number(minutes);
      if (!(count > 0)) return setRefusal('Minutes must be a positive number.');
      input.minutes = count;
    } else {
      const endAt = practiceInstant(date, end, timezone);
      if (Date.parse(endAt) <= Date.parse(startAt))
        return setRefusal('End time must be after the start time.');
      input.end = endAt;
    }
    setRefusal(undefined);
    add.mutate(input);
  };

  return (
    <Form className="record-form time-form" onSubmit={submit} aria-labelledby="time-form-title">
      <h3 id="time-form-title" className="wide">
        Add time by hand
      </h3>
      <Field label="Date" type="date" value={date} onChange={setDate} />
      <TypedField label="Start time" type="time" value={start} onChange={setStart} />
      <RadioGroup
        className="choices"
        value={length}
        onChange={(value) => setLength(value === 'end' ? 'end' : 'minutes')}
      >
        <Label>Length given as</Label>
        <Radio value="minutes">A number of minutes</Radio>
        <Radio value="end">An end time</Radio>
      </RadioGroup>
      {length === 'minutes' ? (
        <TypedField label="Minutes" type="number" value={minutes} onChange={setMinutes} />
      ) : (
        <TypedField label="End time" type="time" value={end} onChange={setEnd} />
      )}
      <Choice label="Service" options={SERVICES} value={service} onChange={setService} />
      <Field label="What was done" value={activity} onChange={setActivity} />
      {practitioner ? (
        <Choice
          label="Medical decision making (optional)"
          options={[{ id: 'none', label: 'None' }, ...MDM_LEVELS]}
          value={mdm}
          onChange={setMdm}
        />
      ) : null}
      <p className="hint">Times are on the practice&apos;s clock ({timezone}).</p>
      <Button type="submit" className="button primary" isDisabled={add.isPending}>
        Add time
      </Button>
      {refusal ? <Refusal>{refusal}</Refusal> : null}
      {add.isError ? <Problem error={add.error} /> : null}
      {add.isSuccess && !refusal ? (
        <p className="status" role="status">
          Time added.
        </p>
      ) : null}
    </Form>
  );
}
