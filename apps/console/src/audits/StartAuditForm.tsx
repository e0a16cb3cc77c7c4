import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTRPC, type ApiInputs } from '../api.js';
import { practiceMonth } from '../months.js';
import type { Practice } from '../session.js';
import { refusalOf } from './follow-up-form.js';
import { sampleOf, sampleProblems, SampleFields, type SampleChoices } from './SampleFields.js';

// Starting an audit of the practice shown, over a period of months (both included), of
// every billed month or of a random sample of them (docs/compliance/sampling.md). The form
// refuses to send a period with a month missing or ending before it starts, or a sample
// it can tell is wrong, naming the field; the server checks the same and more, and its
// refusal is shown on the field it names. Once queued, the run's own page follows it.

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type Fields = 'from' | 'to' | 'size' | 'seed' | 'stratify';
type Problems = Partial<Record<Fields, string>>;

interface Choices extends SampleChoices {
  from: string;
  to: string;
}

/** The server's paths, and the labels its problems are shown with on each field. */
const SERVER_FIELDS = {
  from: 'from',
  to: 'to',
  'sample.size': 'size',
  'sample.seed': 'seed',
  'sample.stratify': 'stratify',
} as const;
const LABELS: Record<Fields, string> = {
  from: 'From',
  to: 'To',
  size: 'Sample size',
  seed: 'Seed',
  stratify: 'Stratify',
};

/** January of the practice's year through its current month: the year so far. */
function yearSoFar(practice: Practice): Choices {
  const now = practiceMonth(practice.timezone);
  return {
    from: `${now.slice(0, 4)}-01`,
    to: now,
    sampled: false,
    size: '30',
    seed: '',
    stratify: 'none',
  };
}

function problemsOf(c: Choices): Problems {
  const problems: Problems = {};
  if (!c.from) problems.from = 'From: enter the first month of the period.';
  else if (!MONTH.test(c.from)) problems.from = 'From: enter a month as YYYY-MM.';
  if (!c.to) problems.to = 'To: enter the last month of the period.';
  else if (!MONTH.test(c.to)) problems.to = 'To: enter a month as YYYY-MM.';
  if (!problems.from && !problems.to && c.from > c.to)
    problems.to = 'To: the period ends before it starts.';
  return { ...problems, ...sampleProblems(c) };
}

function request(practiceId: string, c: Choices): ApiInputs['audits']['start'] {
  const sample = sampleOf(c);
  return { practiceId, from: c.from, to: c.to, ...(sample ? { sample } : {}) };
}

export function StartAuditForm({ practice }: { practice: Practice }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [choices, setChoices] = useState(() => yearSoFar(practice));
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<string>();
  const start = useMutation(
    trpc.audits.start.mutationOptions({
      onSuccess: async (run) => {
        // The run's page starts from the answer: on the embedded database the audit, once
        // taken, holds the one connection, and a first read would wait for it to finish.
        queryClient.setQueryData(trpc.audits.get.queryKey({ runId: run.id }), run);
        void queryClient.invalidateQueries({ queryKey: trpc.audits.list.queryKey() });
        await navigate({ to: '/audits/$runId', params: { runId: run.id } });
      },
      onError: (error) => {
        const found = refusalOf(error, SERVER_FIELDS);
        setProblems(
          Object.fromEntries(
            Object.entries(found.fields).map(([f, m]) => [f, `${LABELS[f as Fields]}: ${m}`]),
          ),
        );
        setRefusal(found.message);
      },
    }),
  );
  const set = (change: Partial<Choices>) => setChoices((c) => ({ ...c, ...change }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsOf(choices);
    setProblems(found);
    setRefusal(undefined);
    if (Object.keys(found).length > 0) return;
    start.mutate(request(practice.id, choices));
  }

  const field = (name: Fields) => ({ name, isInvalid: problems[name] !== undefined });
  return (
    <section className="start-audit" aria-labelledby="start-audit-title">
      <h2 id="start-audit-title">Start an audit</h2>
      <Form onSubmit={submit} validationBehavior="aria" className="start-audit-form">
        <p className="start-audit-practice">
          Practice: <strong>{practice.name}</strong>
        </p>
        <TextField
          {...field('from')}
          type="month"
          value={choices.from}
          onChange={(from) => set({ from })}
          isRequired
        >
          <Label>From (month)</Label>
          <Input placeholder="YYYY-MM" />
          <FieldError>{problems.from}</FieldError>
        </TextField>
        <TextField
          {...field('to')}
          type="month"
          value={choices.to}
          onChange={(to) => set({ to })}
          isRequired
        >
          <Label>To (month)</Label>
          <Input placeholder="YYYY-MM" />
          <FieldError>{problems.to}</FieldError>
        </TextField>
        <SampleFields choices={choices} onChange={set} problems={problems} />
        <Button type="submit" className="button primary" isDisabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start the audit'}
        </Button>
      </Form>
      {refusal ? (
        <p role="alert" className="status error">
          {refusal}
        </p>
      ) : null}
    </section>
  );
}
