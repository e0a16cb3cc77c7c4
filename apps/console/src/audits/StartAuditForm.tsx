import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTRPC } from '../api.js';
import { practiceMonth } from '../months.js';
import type { Practice } from '../session.js';
import { Problem } from '../ui.js';

// Starting an audit of the practice shown, over a period of months (both included). The
// form refuses to send a period with a month missing or ending before it starts, naming
// the field; the server checks the same and its refusal is shown as it words it. Once
// queued, the run's own page follows it.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** January of the practice's year through its current month: the year so far. */
function yearSoFar(practice: Practice) {
  const now = practiceMonth(practice.timezone);
  return { from: `${now.slice(0, 4)}-01`, to: now };
}

function problemsOf(from: string, to: string) {
  const problems: { from?: string; to?: string } = {};
  if (!from) problems.from = 'From: enter the first month of the period.';
  else if (!MONTH.test(from)) problems.from = 'From: enter a month as YYYY-MM.';
  if (!to) problems.to = 'To: enter the last month of the period.';
  else if (!MONTH.test(to)) problems.to = 'To: enter a month as YYYY-MM.';
  if (!problems.from && !problems.to && from > to)
    problems.to = 'To: the period ends before it starts.';
  return problems;
}

export function StartAuditForm({ practice }: { practice: Practice }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [period, setPeriod] = useState(() => yearSoFar(practice));
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const start = useMutation(
    trpc.audits.start.mutationOptions({
      onSuccess: async (run) => {
        // The run's page starts from the answer: on the embedded database the audit, once
        // taken, holds the one connection, and a first read would wait for it to finish.
        queryClient.setQueryData(trpc.audits.get.queryKey({ runId: run.id }), run);
        void queryClient.invalidateQueries({ queryKey: trpc.audits.list.queryKey() });
        await navigate({ to: '/audits/$runId', params: { runId: run.id } });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsOf(period.from, period.to);
    setProblems(found);
    if (found.from || found.to) return;
    start.mutate({ practiceId: practice.id, from: period.from, to: period.to });
  }

  return (
    <section className="start-audit" aria-labelledby="start-audit-title">
      <h2 id="start-audit-title">Start an audit</h2>
      <Form onSubmit={submit} validationBehavior="aria" className="start-audit-form">
        <p className="start-audit-practice">
          Practice: <strong>{practice.name}</strong>
        </p>
        <TextField
          name="from"
          type="month"
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
          isRequired
          isInvalid={problems.from !== undefined}
        >
          <Label>From (month)</Label>
          <Input placeholder="YYYY-MM" />
          <FieldError>{problems.from}</FieldError>
        </TextField>
        <TextField
          name="to"
          type="month"
          value={period.to}
          onChange={(to) => setPeriod((p) => ({ ...p, to }))}
          isRequired
          isInvalid={problems.to !== undefined}
        >
          <Label>To (month)</Label>
          <Input placeholder="YYYY-MM" />
          <FieldError>{problems.to}</FieldError>
        </TextField>
        <Button type="submit" className="button primary" isDisabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start the audit'}
        </Button>
      </Form>
      {start.isError ? <Problem error={start.error} /> : null}
    </section>
  );
}
