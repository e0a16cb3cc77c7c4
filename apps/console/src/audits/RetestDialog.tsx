import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Dialog, Form, Heading } from 'react-aria-components';
import { useTRPC } from '../api.js';
import { useSession } from '../session.js';
import { Loading, Problem } from '../ui.js';
import { instantLabel, periodLabel, type AuditRun } from './audit-format.js';
import type { CorrectiveAction } from './corrective-action-format.js';
import {
  ChoiceField,
  FollowUpModal,
  NO_REFUSAL,
  refusalOf,
  RefusalNotice,
  type Refusal,
} from './follow-up-form.js';

// Re-testing an item against a later run: the choices are the done runs of the same
// practice that started after this one; the server judges the rule on the chosen run's
// stored findings in the months it failed here, and refuses a run that did not audit them
// all (said on the choice).

const FIELDS = { laterRunId: 'laterRunId' } as const;

export function RetestDialog({
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
  const { practices } = useSession();
  const timeZone = practices.find((p) => p.id === run.practiceId)?.timezone ?? 'UTC';
  const listOptions = trpc.correctiveActions.list.queryOptions({ runId: run.id });
  const runs = useQuery(trpc.audits.list.queryOptions({ limit: 200 }));
  const [read, setRead] = useState(item);
  const [laterRunId, setLaterRunId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const retest = useMutation(
    trpc.correctiveActions.retest.mutationOptions({
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

  const later = (runs.data ?? [])
    .filter(
      (r) =>
        r.status === 'done' &&
        r.practiceId === run.practiceId &&
        r.id !== run.id &&
        r.startedAt > run.startedAt,
    )
    .map((r) => ({
      id: r.id,
      label: `${periodLabel(r)}${r.sample ? ` (sample of ${r.sample.size})` : ''}, started ${instantLabel(r.startedAt, timeZone)}`,
    }));

  async function reload() {
    const items = await queryClient.fetchQuery({ ...listOptions, staleTime: 0 });
    const current = items.find((i) => i.id === item.id);
    if (current) setRead(current);
    setRefusal(NO_REFUSAL);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!laterRunId) {
      setRefusal({ ...NO_REFUSAL, fields: { laterRunId: 'choose the later run to re-test on' } });
      return;
    }
    setRefusal(NO_REFUSAL);
    retest.mutate({ id: read.id, laterRunId, expectedVersion: read.version });
  }

  return (
    <FollowUpModal onClose={onClose}>
      <Dialog className="follow-up-dialog" data-testid="retest-dialog">
        <Form className="record-form" validationBehavior="aria" onSubmit={submit}>
          <Heading slot="title" className="wide">
            Re-test {read.ruleId}
          </Heading>
          <p className="wide hint">
            The re-test passes when the later run has no {read.ruleId} finding in the months it
            failed in this run. Only a passing re-test lets the item be marked verified.
          </p>
          {runs.isPending ? <Loading>Loading the later runs…</Loading> : null}
          {runs.isError ? <Problem error={runs.error} /> : null}
          {runs.isSuccess && later.length === 0 ? (
            <p className="status wide" data-testid="no-later-run">
              No later audit of this practice is done yet: start one from Audits, over the same
              months, then re-test.
            </p>
          ) : null}
          {later.length > 0 ? (
            <ChoiceField
              label="Later run"
              options={later}
              value={laterRunId}
              onChange={setLaterRunId}
              problem={refusal.fields['laterRunId']}
            />
          ) : null}
          <RefusalNotice refusal={refusal} what="item" onReload={() => void reload()} />
          <div className="actions wide">
            <Button
              type="submit"
              className="button primary"
              isDisabled={retest.isPending || later.length === 0}
            >
              {retest.isPending ? 'Re-testing…' : 'Re-test'}
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
