import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  TextField,
} from 'react-aria-components';
import { useTRPC, type ApiOutputs } from '../api.js';
import { useSession } from '../session.js';

// What the patient page's record sections share: which patient they show, the practice's
// today (records are dated on the practice's calendar, as the server checks them), and the
// practice's clinicians (patients.get answers with them) to name and choose from, and the
// form controls every section's form is made of.

export interface PatientRef {
  practiceId: string;
  patientId: string;
}

export type Clinician = ApiOutputs['patients']['get']['clinicians'][number];

/** The day (YYYY-MM-DD) it is now in the time zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today on the calendar of the practice (the browser's zone may differ). */
export function usePracticeToday(practiceId: string): string {
  const { practices } = useSession();
  const timezone = practices.find((p) => p.id === practiceId)?.timezone ?? 'UTC';
  return dayIn(timezone);
}

/** The practice's clinicians, from the patient's answer (shared with the page's query). */
export function useClinicians({ practiceId, patientId }: PatientRef): Clinician[] {
  const trpc = useTRPC();
  const found = useQuery(trpc.patients.get.queryOptions({ practiceId, patientId }));
  return found.data?.clinicians ?? [];
}

/** A clinician's name and credential, or the id when the practice no longer lists them. */
export function clinicianName(clinicians: Clinician[], id: string): string {
  const found = clinicians.find((c) => c.id === id);
  return found ? `${found.name}, ${found.credential}` : id;
}

/** A practitioner who may bill (the server checks the same: role and credential). */
export function isPractitioner(c: Clinician): boolean {
  return c.role === 'practitioner' && c.credential !== 'non-clinical';
}

/** Whose work counts as care management: not non-clinical staff. */
export function isClinical(c: Clinician): boolean {
  return c.role !== 'non-clinical-staff' && c.credential !== 'non-clinical';
}

/** A form's own refusal (before anything is sent), naming what is missing. */
export function Refusal({ children }: { children: string }) {
  return (
    <p role="alert" className="status error">
      {children}
    </p>
  );
}

/** A labelled choice of one option (react-aria Select). */
export function Choice<K extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: ReadonlyArray<{ id: K; label: string }>;
  value: K | null;
  onChange: (value: K) => void;
}) {
  return (
    <Select
      className="field"
      placeholder="Choose…"
      selectedKey={value}
      onSelectionChange={(key) => {
        const found = options.find((o) => o.id === key);
        if (found) onChange(found.id);
      }}
    >
      <Label>{label}</Label>
      <Button className="button">
        <SelectValue />
        <span aria-hidden="true"> ▾</span>
      </Button>
      <Popover className="popover">
        <ListBox>
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="option">
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** A labelled text or date field. */
export function Field({
  label,
  value,
  onChange,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
}) {
  return (
    <TextField className="field" type={type} value={value} onChange={onChange}>
      <Label>{label}</Label>
      <Input />
    </TextField>
  );
}

/** The names of the missing fields, as a sentence; undefined when none is missing. */
export function missing(fields: Record<string, boolean>): string | undefined {
  const names = Object.entries(fields)
    .filter(([, present]) => !present)
    .map(([name]) => name);
  return names.length > 0 ? `Fill in: ${names.join(', ')}.` : undefined;
}
