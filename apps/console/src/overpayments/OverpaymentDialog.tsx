import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Form, Heading } from 'react-aria-components';
import { useTRPC, type ApiInputs } from '../api.js';
import {
  FollowUpModal,
  FormField,
  NO_REFUSAL,
  orNull,
  refusalOf,
  RefusalNotice,
  type Refusal,
} from '../audits/follow-up-form.js';
import type { OverpaymentCase } from './overpayment-format.js';

// Recording an overpayment case's milestones: identified (and the end of an investigation
// of related months, which holds the clock), quantified (a day and an amount), refunded (a
// day, an amount and the contractor's reference). Only what changed is sent, at the
// version read; the server checks the whole case (a refund before its quantification, a
// date out of order) and its refusal is shown on the field it names. Clearing a field
// sends null.

type Update = ApiInputs['overpayments']['update'];
type Changes = Omit<Update, 'id' | 'expectedVersion'>;

const DATES = ['identifiedOn', 'investigationEndsOn', 'quantifiedOn', 'refundedOn'] as const;
const AMOUNTS = ['quantifiedAmount', 'refundedAmount'] as const;
type Name = (typeof DATES)[number] | (typeof AMOUNTS)[number] | 'refundReference' | 'notes';
type Draft = Record<Name, string>;

const FIELDS = Object.fromEntries(
  [...DATES, ...AMOUNTS, 'refundReference', 'notes'].map((n) => [n, n]),
) as Record<Name, Name>;

const DOLLARS = /^\d+(\.\d{1,2})?$/;

const draftOf = (c: OverpaymentCase): Draft => ({
  identifiedOn: c.identifiedOn,
  investigationEndsOn: c.investigationEndsOn ?? '',
  quantifiedOn: c.quantifiedOn ?? '',
  quantifiedAmount: c.quantifiedAmount === null ? '' : c.quantifiedAmount.toFixed(2),
  refundedOn: c.refundedOn ?? '',
  refundedAmount: c.refundedAmount === null ? '' : c.refundedAmount.toFixed(2),
  refundReference: c.refundReference ?? '',
  notes: c.notes,
});

/** The changes to send, or the problems the form can tell by itself. */
function changesOf(
  read: OverpaymentCase,
  d: Draft,
): { changes: Changes } | { problems: Partial<Record<Name, string>> } {
  const problems: Partial<Record<Name, string>> = {};
  const changes: Changes = {};
  if (!d.identifiedOn) problems.identifiedOn = 'is required';
  else if (d.identifiedOn !== read.identifiedOn) changes.identifiedOn = d.identifiedOn;
  for (const name of ['investigationEndsOn', 'quantifiedOn', 'refundedOn'] as const)
    if (orNull(d[name]) !== read[name]) changes[name] = orNull(d[name]);
  for (const name of AMOUNTS) {
    const text = d[name].trim().replace(/^\$/, '');
    if (text !== '' && !DOLLARS.test(text)) {
      problems[name] = 'enter dollars and cents, like 62.50';
      continue;
    }
    const amount = text === '' ? null : Number(text);
    if (amount !== read[name]) changes[name] = amount;
  }
  if (orNull(d.refundReference) !== read.refundReference)
    changes.refundReference = orNull(d.refundReference);
  if (d.notes !== read.notes) changes.notes = d.notes;
  return Object.keys(problems).length > 0 ? { problems } : { changes };
}

export function OverpaymentDialog({
  item,
  onClose,
}: {
  item: OverpaymentCase;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [read, setRead] = useState(item);
  const [draft, setDraft] = useState(() => draftOf(item));
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const update = useMutation(
    trpc.overpayments.update.mutationOptions({
      onSuccess: async () => {
        // Its state may move it out of the filter shown: the whole list is read again.
        await queryClient.invalidateQueries({ queryKey: trpc.overpayments.list.queryKey() });
        onClose();
      },
      onError: (error) => setRefusal(refusalOf(error, FIELDS)),
    }),
  );
  const set = (name: Name) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  async function reload() {
    const cases = await queryClient.fetchQuery({
      ...trpc.overpayments.list.queryOptions({ practiceId: read.practiceId }),
      staleTime: 0,
    });
    const current = cases.find((c) => c.id === read.id);
    if (current) {
      setRead(current);
      setDraft(draftOf(current));
    }
    setRefusal(NO_REFUSAL);
    void queryClient.invalidateQueries({ queryKey: trpc.overpayments.list.queryKey() });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = changesOf(read, draft);
    if ('problems' in found) return setRefusal({ ...NO_REFUSAL, fields: found.problems });
    if (Object.keys(found.changes).length === 0) return onClose();
    setRefusal(NO_REFUSAL);
    update.mutate({ id: read.id, expectedVersion: read.version, ...found.changes });
  }

  const field = (name: Name, label: string, description?: string) => (
    <FormField
      label={label}
      type={(DATES as readonly string[]).includes(name) ? 'date' : 'text'}
      value={draft[name]}
      onChange={set(name)}
      problem={refusal.fields[name]}
      {...(description ? { description } : {})}
    />
  );
  return (
    <FollowUpModal onClose={onClose}>
      <Dialog className="follow-up-dialog" data-testid="overpayment-dialog">
        <Form className="record-form" validationBehavior="aria" onSubmit={submit}>
          <Heading slot="title" className="wide">
            Overpayment case · {read.patientId} · {read.month}
          </Heading>
          <p className="wide hint">
            Deadline {read.deadline} (60 days from {read.clockStartsOn}) · version {read.version}.
            Record each milestone whole; a refund needs the quantification first.
          </p>
          {field('identifiedOn', 'Identified on')}
          {field(
            'investigationEndsOn',
            'Investigation ends on',
            'Holds the 60 days while related months are investigated, at most 180 days.',
          )}
          {field('quantifiedOn', 'Quantified on')}
          {field('quantifiedAmount', 'Quantified amount ($)', 'Dollars and cents, like 62.50.')}
          {field('refundedOn', 'Refunded on')}
          {field('refundedAmount', 'Refunded amount ($)')}
          {field('refundReference', 'Refund reference', "The contractor's reference for it.")}
          <FormField
            label="Notes"
            value={draft.notes}
            onChange={set('notes')}
            multiline
            problem={refusal.fields['notes']}
          />
          <RefusalNotice refusal={refusal} what="case" onReload={() => void reload()} />
          <div className="actions wide">
            <Button type="submit" className="button primary" isDisabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save'}
            </Button>
            <Button className="button" onPress={onClose}>
              Cancel
            </Button>
          </div>
        </Form>
      </Dialog>
    </FollowUpModal>
  );
}
