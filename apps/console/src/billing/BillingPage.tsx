import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
} from 'react-aria-components';
import { problemText, useTRPC } from '../api.js';
import { practiceMonth } from '../months.js';
import { useSession } from '../session.js';
import { Loading, Problem } from '../ui.js';
import { ClaimsTable } from './ClaimsTable.js';
import { csvRows, csvText, download } from './csv.js';
import { MonthCloseSection } from './MonthClose.js';
import { previousMonth, proposalRows, recentMonths, type ProposalState } from './model.js';
import { ProposalsTable } from './ProposalsTable.js';

// Month-end billing: for a month of the practice (the month just ended, unless another is
// chosen), what the documentation supports (the rules core's proposals, with evidence),
// the claims made from it and their workflow, a CSV of the month's claim lines, and the
// close of the billed patient-months. Every figure is the server's; after each step the
// month is read again, so a refusal (a stale version, a closed month) is shown beside
// what is true now.

const VIEWS: Array<{ id: 'all' | ProposalState; label: string }> = [
  { id: 'all', label: 'All proposals' },
  { id: 'ready', label: 'Ready to approve' },
  { id: 'blocked', label: 'Blocked' },
  { id: 'no-line', label: 'No billable line yet' },
  { id: 'claimed', label: 'Claimed' },
];

export function BillingPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { practice } = useSession();
  const current = practiceMonth(practice?.timezone ?? 'UTC');
  const [month, setMonth] = useState(() => previousMonth(current));
  const [viewId, setViewId] = useState<(typeof VIEWS)[number]['id']>('all');
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<{ text: string; error: boolean }>();
  const practiceId = practice?.id ?? '';
  const ref = { practiceId, month };
  const [proposals, claims, closes] = useQueries({
    queries: [
      { ...trpc.claims.propose.queryOptions(ref), enabled: practice !== undefined },
      { ...trpc.claims.list.queryOptions(ref), enabled: practice !== undefined },
      { ...trpc.monthClose.list.queryOptions(ref), enabled: practice !== undefined },
    ],
  });

  if (!practice) return <p className="status">This organization has no practice yet.</p>;

  /** After a step (done or refused): say what happened and read the month again. */
  const onDone = (message: string, error?: unknown) => {
    setNotice(
      error === undefined
        ? { text: message, error: false }
        : { text: [message, problemText(error)].filter(Boolean).join(' '), error: true },
    );
    void queryClient.invalidateQueries({ queryKey: trpc.claims.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.monthClose.pathKey() });
  };

  const loaded =
    proposals.data && claims.data && closes.data
      ? { proposals: proposals.data, claims: claims.data, closes: closes.data }
      : undefined;
  const all = loaded ? proposalRows(loaded.proposals.patients, loaded.claims, loaded.closes) : [];
  const needle = search.trim().toLowerCase();
  const rows = all.filter(
    (r) =>
      (viewId === 'all' || r.state === viewId) &&
      (!needle || r.proposal.patientId.toLowerCase().includes(needle)),
  );
  const fetching = proposals.isFetching || claims.isFetching || closes.isFetching;
  const failed = [proposals, claims, closes].find((q) => q.isError);

  return (
    <section aria-labelledby="billing-title" className="billing">
      <div className="toolbar">
        <h1 id="billing-title">Month-end billing · {month}</h1>
        <div className="filters">
          <Select
            className="view"
            selectedKey={month}
            onSelectionChange={(key) => {
              setMonth(String(key));
              setNotice(undefined);
            }}
          >
            <Label>Month</Label>
            <Button className="button">
              <SelectValue />
              <span aria-hidden="true"> ▾</span>
            </Button>
            <Popover className="popover">
              <ListBox>
                {recentMonths(current, 13).map((m) => (
                  <ListBoxItem key={m} id={m} className="option">
                    {m}
                  </ListBoxItem>
                ))}
              </ListBox>
            </Popover>
          </Select>
          <SearchField className="search" value={search} onChange={setSearch}>
            <Label>Find a patient id</Label>
            <Input />
          </SearchField>
          <Button
            className="button"
            isDisabled={!loaded}
            onPress={async () => {
              if (!loaded) return;
              const text = await csvText(csvRows(month, all, loaded.claims));
              download(`claims-${practice.id}-${month}.csv`, text);
            }}
          >
            Export CSV
          </Button>
        </div>
      </div>
      {notice ? (
        <p
          role={notice.error ? 'alert' : 'status'}
          className={notice.error ? 'status error' : 'status'}
          data-testid="billing-notice"
        >
          {notice.text}
        </p>
      ) : null}
      {failed ? <Problem error={failed.error} /> : null}
      {!loaded && !failed ? <Loading>Loading {month}…</Loading> : null}
      {loaded ? (
        <>
          <section aria-labelledby="proposals-title">
            <div className="toolbar">
              <h2 id="proposals-title">
                Proposals · {all.filter((r) => r.state === 'ready').length} ready of {all.length}
              </h2>
              <div className="filters">
                <Select
                  className="view"
                  selectedKey={viewId}
                  onSelectionChange={(key) => setViewId(key as typeof viewId)}
                >
                  <Label>Show</Label>
                  <Button className="button">
                    <SelectValue />
                    <span aria-hidden="true"> ▾</span>
                  </Button>
                  <Popover className="popover">
                    <ListBox>
                      {VIEWS.map((v) => (
                        <ListBoxItem key={v.id} id={v.id} className="option">
                          {v.label}
                        </ListBoxItem>
                      ))}
                    </ListBox>
                  </Popover>
                </Select>
              </div>
            </div>
            <ProposalsTable
              practiceId={practiceId}
              month={month}
              timeZone={practice.timezone}
              rows={rows}
              busy={fetching}
              onDone={onDone}
            />
          </section>
          <section aria-labelledby="claims-title">
            <h2 id="claims-title">Claims · {loaded.claims.length}</h2>
            <ClaimsTable
              practiceId={practiceId}
              claims={loaded.claims.filter(
                (c) => !needle || c.patientId.toLowerCase().includes(needle),
              )}
              closes={loaded.closes}
              busy={fetching}
              onDone={onDone}
            />
          </section>
          <MonthCloseSection
            practiceId={practiceId}
            month={month}
            claims={loaded.claims}
            closes={loaded.closes}
            busy={fetching}
            onDone={onDone}
          />
        </>
      ) : null}
    </section>
  );
}
