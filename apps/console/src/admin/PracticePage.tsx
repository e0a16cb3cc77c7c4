import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Form, Input, Label, TextField } from 'react-aria-components';
import { problemText, useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';
import { useSession } from '../session.js';
import { Loading, Problem } from '../ui.js';
import { AdminPage } from './AdminLayout.js';
import { addMonths, practiceToday } from './dates.js';

// The practice's attestation of its CCM capabilities, the program elements CMS expects
// beside the minutes (ccm-domain; PRACTICE-CAPABILITY-UNATTESTED): each capability with a
// plain explanation, and the day it was attested. The audit takes an attestation as
// current for 12 months, so the page warns from month 11 on, and when there is none.

type Capabilities = ApiInputs['practices']['attest']['capabilities'];
type Capability = Exclude<keyof Capabilities, 'attestedOn'>;
type Stored = ApiOutputs['practices']['capabilities'];

const CAPABILITIES: Array<{ id: Capability; label: string; explanation: string }> = [
  {
    id: 'certifiedEhr',
    label: 'Certified EHR technology',
    explanation:
      "The patient's demographics, problems, medications and allergies are recorded in certified electronic health record technology, and the care plan is kept there.",
  },
  {
    id: 'access24x7',
    label: '24/7 access to care',
    explanation:
      'Patients can reach someone of the care team at any hour, every day, who can see their electronic care plan and address urgent needs.',
  },
  {
    id: 'continuityOfCare',
    label: 'Continuity of care',
    explanation:
      'Each patient has a designated member of the care team with whom they can schedule successive routine appointments.',
  },
  {
    id: 'enhancedCommunication',
    label: 'Enhanced communication',
    explanation:
      'Patients and caregivers can communicate with the care team by more than the telephone: secure messaging, a patient portal or other asynchronous means.',
  },
  {
    id: 'careTransitions',
    label: 'Management of care transitions',
    explanation:
      'Transitions such as discharges, emergency visits and referrals are managed: follow-up after discharge, summaries exchanged with other clinicians.',
  },
];

export function PracticePage() {
  return (
    <AdminPage to="/admin/practice">
      <PracticeCapabilities />
    </AdminPage>
  );
}

function PracticeCapabilities() {
  const trpc = useTRPC();
  const { practice } = useSession();
  const found = useQuery({
    ...trpc.practices.capabilities.queryOptions({ practiceId: practice?.id ?? '' }),
    enabled: practice !== undefined,
  });
  if (!practice) return <p className="status">This organization has no practice yet.</p>;
  if (found.isPending) return <Loading>Loading the practice…</Loading>;
  if (found.isError) return <Problem error={found.error} />;
  // Keyed by version: after an attestation the form starts again from what is stored.
  return <AttestationForm key={found.data.version} stored={found.data} />;
}

/** How current the stored attestation is today, in words, or nothing when it is fine. */
function staleness(stored: Stored, today: string): string | undefined {
  const caps = stored.capabilities;
  if (!caps)
    return 'The practice has never attested its capabilities: every audited month gets a PRACTICE-CAPABILITY-UNATTESTED warning until it does.';
  const coversUntil = addMonths(caps.attestedOn, 12);
  if (today > coversUntil)
    return `The attestation of ${caps.attestedOn} is more than 12 months old: it covers dates of service up to ${coversUntil} only. Attest again.`;
  if (today > addMonths(caps.attestedOn, 11))
    return `The attestation of ${caps.attestedOn} is more than 11 months old and covers dates of service up to ${coversUntil} only. Attest again soon.`;
  return undefined;
}

function AttestationForm({ stored }: { stored: Stored }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const mayAttest = can('practice.attest');
  const today = practiceToday(stored.timezone);
  const [values, setValues] = useState<Capabilities>(
    stored.capabilities ?? {
      certifiedEhr: false,
      access24x7: false,
      continuityOfCare: false,
      enhancedCommunication: false,
      careTransitions: false,
      attestedOn: today,
    },
  );
  const [problem, setProblem] = useState<string>();
  const attest = useMutation(
    trpc.practices.attest.mutationOptions({
      onSuccess: (data) =>
        queryClient.setQueryData(
          trpc.practices.capabilities.queryKey({ practiceId: stored.practiceId }),
          data,
        ),
    }),
  );
  const warning = staleness(stored, today);
  const notConfirmed = stored.capabilities
    ? CAPABILITIES.filter((c) => !stored.capabilities?.[c.id])
    : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values.attestedOn) {
      setProblem('Attested on is required: the day the practice attests.');
      return;
    }
    setProblem(undefined);
    attest.mutate({
      practiceId: stored.practiceId,
      capabilities: values,
      expectedVersion: stored.version,
    });
  }

  return (
    <section aria-labelledby="practice-title">
      <h1 id="practice-title">Practice capabilities · {stored.name}</h1>
      <p>
        Chronic care management is a program, not only minutes. The practice attests that it has
        each of these; the audit reads the attestation for every month it checks.
      </p>
      <dl className="facts" data-testid="attestation-facts">
        <dt>Attested on</dt>
        <dd data-testid="attested-on">{stored.capabilities?.attestedOn ?? 'never'}</dd>
        {stored.capabilities ? (
          <>
            <dt>Covers dates of service until</dt>
            <dd>{addMonths(stored.capabilities.attestedOn, 12)}</dd>
          </>
        ) : null}
      </dl>
      {warning ? (
        <p role="alert" className="status warning" data-testid="attestation-warning">
          {warning}
        </p>
      ) : null}
      {notConfirmed.length > 0 ? (
        <p className="status warning">
          Not confirmed: {notConfirmed.map((c) => c.label).join(', ')}.
        </p>
      ) : null}
      <Form onSubmit={submit} className="capabilities" validationBehavior="aria">
        {CAPABILITIES.map((c) => (
          <div key={c.id} className="capability">
            <Checkbox
              isSelected={values[c.id]}
              isDisabled={!mayAttest}
              onChange={(selected) => setValues({ ...values, [c.id]: selected })}
              aria-describedby={`why-${c.id}`}
              className="checkbox"
            >
              {({ isSelected }) => (
                <>
                  <span className="box" aria-hidden="true">
                    {isSelected ? '✓' : ''}
                  </span>
                  {c.label}
                </>
              )}
            </Checkbox>
            <p id={`why-${c.id}`} className="hint">
              {c.explanation}
            </p>
          </div>
        ))}
        <TextField
          type="date"
          value={values.attestedOn}
          onChange={(attestedOn) => setValues({ ...values, attestedOn })}
          isDisabled={!mayAttest}
          isRequired
        >
          <Label>Attested on</Label>
          <Input max={today} />
        </TextField>
        {problem ? (
          <p role="alert" className="status error">
            {problem}
          </p>
        ) : null}
        {attest.isError ? (
          <p role="alert" className="status error">
            {problemText(attest.error)}
          </p>
        ) : null}
        {mayAttest ? (
          <Button type="submit" className="button primary" isDisabled={attest.isPending}>
            Attest capabilities
          </Button>
        ) : (
          <p className="hint">Only an admin can attest the practice&apos;s capabilities.</p>
        )}
      </Form>
    </section>
  );
}
