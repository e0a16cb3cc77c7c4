import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading } from 'react-aria-components';
import { useTRPC, type ApiOutputs } from '../api.js';
import { practiceToday } from '../admin/dates.js';
import {
  FollowUpModal,
  FormField,
  NO_REFUSAL,
  orNull,
  refusalOf,
  RefusalNotice,
  type Refusal,
} from '../audits/follow-up-form.js';
import { useSession } from '../session.js';
import { stateLabel } from './overpayment-format.js';

// Opening the overpayment case of a month an audit found in error, from its finding: the
// day the overpayment was identified (today on the practice's calendar unless said
// otherwise: the day is the officer's judgment, not Chronicle's) and, if related months
// are being investigated, the day that investigation ends. The server opens it only for a
// month whose claim went out, and says so on the month otherwise.

interface FailingMonth {
  patientId: string;
  month: string;
  billingPractitionerId: string;
  ruleId: string;
}

type Case = ApiOutputs['overpayments']['open'];

const FIELDS = {
  identifiedOn: 'identifiedOn',
  investigationEndsOn: 'investigationEndsOn',
  notes: 'notes',
} as const;

function OpenForm({
  runId,
  timeZone,
  finding,
  close,
}: {
  runId: string;
  timeZone: string;
  finding: FailingMonth;
  close: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [identifiedOn, setIdentifiedOn] = useState(() => practiceToday(timeZone));
  const [investigationEndsOn, setInvestigationEndsOn] = useState('');
  const [notes, setNotes] = useState('');
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [opened, setOpened] = useState<Case>();
  const open = useMutation(
    trpc.overpayments.open.mutationOptions({
      onSuccess: (c) => {
        setOpened(c);
        void queryClient.invalidateQueries({ queryKey: trpc.overpayments.list.queryKey() });
      },
      onError: (error) => setRefusal(refusalOf(error, FIELDS)),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!identifiedOn) {
      setRefusal({ ...NO_REFUSAL, fields: { identifiedOn: 'enter the day it was identified' } });
      return;
    }
    setRefusal(NO_REFUSAL);
    const ends = orNull(investigationEndsOn);
    open.mutate({
      runId,
      patientId: finding.patientId,
      month: finding.month,
      billingPractitionerId: finding.billingPractitionerId,
      identifiedOn,
      ...(ends ? { investigationEndsOn: ends } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  }

  const title = (
    <Heading slot="title" className="wide">
      Overpayment case · {finding.patientId} · {finding.month}
    </Heading>
  );
  if (opened)
    return (
      <div className="record-form" data-testid="overpayment-opened">
        {title}
        <p role="status" className="wide">
          Case opened: {stateLabel(opened.state)}, to be reported and returned by{' '}
          <strong>{opened.deadline}</strong>
          {opened.daysLeft === null ? '' : ` (${opened.daysLeft} days left)`}.
        </p>
        <div className="actions wide">
          <Link to="/overpayments" className="button">
            See the overpayment cases
          </Link>
          <Button className="button" onPress={close} autoFocus>
            Close
          </Button>
        </div>
      </div>
    );
  return (
    <Form className="record-form" validationBehavior="aria" onSubmit={submit}>
      {title}
      <p className="wide hint">
        Found by {finding.ruleId}, billed by {finding.billingPractitionerId}. Medicare has an
        overpayment reported and returned within 60 days of the day it was identified (42 CFR
        401.305); that day is your judgment.
      </p>
      <FormField
        label="Identified on"
        type="date"
        value={identifiedOn}
        onChange={setIdentifiedOn}
        isRequired
        description="Today on the practice's calendar, unless you knew earlier."
        problem={refusal.fields['identifiedOn']}
      />
      <FormField
        label="Investigation ends on (optional)"
        type="date"
        value={investigationEndsOn}
        onChange={setInvestigationEndsOn}
        description="While related months are investigated in good faith the 60 days wait, at most 180 days."
        problem={refusal.fields['investigationEndsOn']}
      />
      <FormField
        label="Notes (optional)"
        value={notes}
        onChange={setNotes}
        multiline
        problem={refusal.fields['notes']}
      />
      <RefusalNotice refusal={refusal} what="case" onReload={() => setRefusal(NO_REFUSAL)} />
      <div className="actions wide">
        <Button type="submit" className="button primary" isDisabled={open.isPending}>
          {open.isPending ? 'Opening…' : 'Open the case'}
        </Button>
        <Button className="button" onPress={close}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}

/** The button in a finding's row, and its dialog. */
export function OpenOverpayment({
  runId,
  practiceId,
  finding,
}: {
  runId: string;
  practiceId: string;
  finding: FailingMonth;
}) {
  const { practices } = useSession();
  const timeZone = practices.find((p) => p.id === practiceId)?.timezone ?? 'UTC';
  return (
    <DialogTrigger>
      <Button
        className="button"
        aria-label={`Open overpayment case for ${finding.patientId}, ${finding.month}`}
      >
        Open overpayment case…
      </Button>
      <FollowUpModal>
        <Dialog className="follow-up-dialog" data-testid="open-overpayment-dialog">
          {({ close }) => (
            <OpenForm runId={runId} timeZone={timeZone} finding={finding} close={close} />
          )}
        </Dialog>
      </FollowUpModal>
    </DialogTrigger>
  );
}
