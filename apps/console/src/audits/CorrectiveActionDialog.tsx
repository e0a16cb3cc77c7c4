import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Form, Heading } from 'react-aria-components';
import { useTRPC, type ApiInputs } from '../api.js';
import type { AuditRun } from './audit-format.js';
import { STATUS_OPTIONS, type CorrectiveAction } from './corrective-action-format.js';
import {
  ChoiceField,
  FollowUpModal,
  FormField,
  NO_REFUSAL,
  orNull,
  refusalOf,
  RefusalNotice,
  type Refusal,
} from './follow-up-form.js';
import { OwnerField } from './OwnerField.js';

// Editing one item of a corrective-action plan: owner, due date, status, action and notes.
// Only what changed is sent, with the version the dialog was opened on; if someone saved
// the item meanwhile the server refuses it (nothing is written) and the dialog says so,
// offering their version to start again from rather than writing over it.

type Update = ApiInputs['correctiveActions']['update'];

interface Draft {
  ownerId: string;
  dueOn: string;
  status: CorrectiveAction['status'];
  action: string;
  notes: string;
}

const FIELDS = {
  ownerId: 'ownerId',
  dueOn: 'dueOn',
  status: 'status',
  action: 'action',
  notes: 'notes',
} as const;

const draftOf = (item: CorrectiveAction): Draft => ({
  ownerId: item.ownerId ?? '',
  dueOn: item.dueOn ?? '',
  status: item.status,
  action: item.action,
  notes: item.notes,
});

/** The fields of the draft that differ from the item as read. */
function changesOf(read: CorrectiveAction, d: Draft): Omit<Update, 'id' | 'expectedVersion'> {
  const out: Omit<Update, 'id' | 'expectedVersion'> = {};
  if (orNull(d.ownerId) !== read.ownerId) out.ownerId = orNull(d.ownerId);
  if (orNull(d.dueOn) !== read.dueOn) out.dueOn = orNull(d.dueOn);
  if (d.status !== read.status) out.status = d.status;
  if (d.action !== read.action) out.action = d.action;
  if (d.notes !== read.notes) out.notes = d.notes;
  return out;
}

export function CorrectiveActionDialog({
  run,
  item,
  onClose,
}: {
  run: AuditRun;
  item: CorrectiveAction;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.correctiveActions.list.queryOptions({ runId: run.id });
  // The item as the dialog was opened on it: its version is the one an edit names.
  const [read, setRead] = useState(item);
  const [draft, setDraft] = useState(() => draftOf(item));
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const update = useMutation(
    trpc.correctiveActions.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(listOptions.queryKey, (items) =>
          items?.map((i) => (i.id === saved.id ? saved : i)),
        );
        onClose();
      },
      onError: (error) => {
        setRefusal(refusalOf(error, FIELDS));
        void queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
      },
    }),
  );
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  async function reload() {
    const items = await queryClient.fetchQuery({ ...listOptions, staleTime: 0 });
    const current = items.find((i) => i.id === item.id);
    if (!current) return;
    setRead(current);
    setDraft(draftOf(current));
    setRefusal(NO_REFUSAL);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesOf(read, draft);
    if (Object.keys(changes).length === 0) return onClose();
    setRefusal(NO_REFUSAL);
    update.mutate({ id: read.id, expectedVersion: read.version, ...changes });
  }

  const known = [run.requestedBy, read.ownerId, read.createdBy].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  return (
    <FollowUpModal onClose={onClose}>
      <Dialog className="follow-up-dialog" data-testid="corrective-action-dialog">
        <Form className="record-form" validationBehavior="aria" onSubmit={submit}>
          <Heading slot="title" className="wide">
            {read.ruleId} · corrective action
          </Heading>
          <p className="wide hint" data-testid="item-version">
            {read.findings} {read.findings === 1 ? 'finding' : 'findings'} in this run · version{' '}
            {read.version}
          </p>
          <OwnerField
            value={draft.ownerId}
            onChange={(ownerId) => set({ ownerId })}
            known={known}
            problem={refusal.fields['ownerId']}
          />
          <FormField
            label="Due on"
            type="date"
            value={draft.dueOn}
            onChange={(dueOn) => set({ dueOn })}
            description="Empty for no due date."
            problem={refusal.fields['dueOn']}
          />
          <ChoiceField
            label="Status"
            options={STATUS_OPTIONS}
            value={draft.status}
            onChange={(status) => set({ status })}
            description="Verified needs a passing re-test against a later run."
            problem={refusal.fields['status']}
          />
          <FormField
            label="Action"
            value={draft.action}
            onChange={(action) => set({ action })}
            multiline
            description="What is to be done: the rule's recommended corrective action until edited."
            problem={refusal.fields['action']}
          />
          <FormField
            label="Notes"
            value={draft.notes}
            onChange={(notes) => set({ notes })}
            multiline
            problem={refusal.fields['notes']}
          />
          <RefusalNotice refusal={refusal} what="item" onReload={() => void reload()} />
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
