import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Button, ProgressBar } from 'react-aria-components';
import { useTRPC } from '../api.js';
import { useSession } from '../session.js';
import { Problem } from '../ui.js';
import { isActive, type AuditRun } from './audit-format.js';

// A run that is still queued or running, followed live: asked for again every second
// until it is done, failed or cancelled (then the list and the run's page are read again,
// since its summary and findings have just arrived), with a Cancel button for those who
// may run audits.

const POLL_MS = 1000;

/** The run as it is now: polled while active, the given state otherwise. */
export function useLiveRun(run: AuditRun): AuditRun {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const active = isActive(run);
  const live = useQuery({
    ...trpc.audits.get.queryOptions({ runId: run.id }),
    initialData: run,
    enabled: active,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? POLL_MS : false),
  });
  const current = live.data ?? run;
  const finished = active && !isActive(current);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.audits.list.queryKey() });
  }, [finished, queryClient, trpc]);
  return current;
}

/** Done of total patients, as a progress bar while the run goes, as text once it ended. */
export function RunProgress({ run }: { run: AuditRun }) {
  const { done, total } = run.progress;
  const text = `${done} of ${total} patients`;
  if (!isActive(run)) return <span data-testid="run-progress">{text}</span>;
  return (
    <ProgressBar
      className="progress"
      value={done}
      maxValue={total || 1}
      valueLabel={text}
      aria-label={`Audit progress, ${run.status}`}
      data-testid="run-progress"
    >
      {({ percentage, valueText }) => (
        <>
          <span className="progress-label">
            {run.status === 'queued' ? 'Queued' : 'Running'} · {valueText}
          </span>
          <div className="bar">
            <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  );
}

/** Cancels a queued or running run; nothing for a role without audits.run or a run ended. */
export function CancelRun({ run, label = 'Cancel the audit' }: { run: AuditRun; label?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const cancel = useMutation(
    trpc.audits.cancel.mutationOptions({
      onSuccess: (state) => {
        queryClient.setQueryData(trpc.audits.get.queryKey({ runId: state.id }), state);
        void queryClient.invalidateQueries({ queryKey: trpc.audits.list.queryKey() });
      },
    }),
  );
  if (!can('audits.run') || !isActive(run)) return null;
  return (
    <span className="cancel-run">
      <Button
        className="button"
        isDisabled={cancel.isPending}
        onPress={() => cancel.mutate({ runId: run.id })}
      >
        {label}
      </Button>
      {cancel.isError ? <Problem error={cancel.error} /> : null}
    </span>
  );
}
