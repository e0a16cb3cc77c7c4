import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
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
import { useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { AdminPage } from './AdminLayout.js';

// The organization's activity log, the compliance record: who read or changed what and
// when, newest first, a page at a time from the server, filtered by actor, action and
// record type; and whether the log's hash chain still holds. Entries name the fields,
// never their values: the log holds none.

const PAGE_SIZE = 25;
const ANY = 'any';

type Action = NonNullable<ApiInputs['activity']['list']['action']>;
type Row = ApiOutputs['activity']['list']['rows'][number];

const ACTIONS: Action[] = [
  'create',
  'update',
  'delete',
  'read',
  'import',
  'export',
  'close',
  'amend',
];

const dateTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

const column = createColumnHelper<Row>();
const columns = [
  column.accessor('seq', { header: 'Entry' }),
  column.accessor('at', { header: 'When', cell: (c) => dateTime.format(new Date(c.getValue())) }),
  column.accessor('actor', { header: 'Who' }),
  column.accessor('action', { header: 'Action' }),
  column.accessor('recordType', { header: 'Record type' }),
  column.accessor('recordId', { header: 'Record id' }),
  column.accessor('fields', { header: 'Fields', cell: (c) => c.getValue().join(', ') || '—' }),
];

export function ActivityPage() {
  return (
    <AdminPage to="/admin/activity">
      <ActivityLog />
    </AdminPage>
  );
}

function ActivityLog() {
  const trpc = useTRPC();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState<Action | typeof ANY>(ANY);
  const [recordType, setRecordType] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const page = useQuery({
    ...trpc.activity.list.queryOptions({
      page: { index: pageIndex, size: PAGE_SIZE },
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(action !== ANY ? { action } : {}),
      ...(recordType.trim() ? { recordType: recordType.trim() } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  // Verified on request only: it walks the whole log.
  const verify = useQuery({ ...trpc.activity.verify.queryOptions(), enabled: false });

  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: page.data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.seq),
    enableSorting: false,
    manualPagination: true,
    // `data` is a new array on every render while loading: resetting table state on each
    // would re-render forever (as the users table once did).
    autoResetAll: false,
    rowCount: page.data?.total ?? 0,
    state: { pagination: { pageIndex, pageSize: PAGE_SIZE } },
  });
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPageIndex(0);
    };
  const total = page.data?.total ?? 0;
  const pages = Math.max(1, table.getPageCount());

  return (
    <section aria-labelledby="activity-title">
      <div className="toolbar">
        <h1 id="activity-title">Activity log</h1>
        <div className="filters">
          <TextField className="search" value={actor} onChange={filter(setActor)}>
            <Label>Who (user id)</Label>
            <Input />
          </TextField>
          <Select
            className="view"
            selectedKey={action}
            onSelectionChange={(key) => filter(setAction)(String(key) as Action | typeof ANY)}
          >
            <Label>Action</Label>
            <Button className="button">
              <SelectValue />
              <span aria-hidden="true"> ▾</span>
            </Button>
            <Popover className="popover">
              <ListBox>
                <ListBoxItem id={ANY} className="option">
                  Any action
                </ListBoxItem>
                {ACTIONS.map((a) => (
                  <ListBoxItem key={a} id={a} className="option">
                    {a}
                  </ListBoxItem>
                ))}
              </ListBox>
            </Popover>
          </Select>
          <TextField className="search" value={recordType} onChange={filter(setRecordType)}>
            <Label>Record type</Label>
            <Input />
          </TextField>
        </div>
      </div>
      <div className="verify">
        <Button
          className="button"
          onPress={() => void verify.refetch()}
          isDisabled={verify.isFetching}
        >
          Verify the log
        </Button>
        <VerifyOutcome fetching={verify.isFetching} error={verify.error} result={verify.data} />
      </div>
      {page.isError ? <Problem error={page.error} /> : null}
      <DataTable
        table={table}
        testId="activity-table"
        rowTestId="activity-row"
        busy={page.isFetching}
      />
      {page.isPending ? <Loading>Loading the activity log…</Loading> : null}
      {page.isSuccess && total === 0 ? (
        <p className="status">No entry matches these filters.</p>
      ) : null}
      <nav className="pager" aria-label="Pages">
        <Button
          className="button"
          isDisabled={pageIndex === 0}
          onPress={() => setPageIndex(pageIndex - 1)}
        >
          Newer
        </Button>
        <span data-testid="activity-page-of">
          Page {pageIndex + 1} of {pages} · {total} entries
        </span>
        <Button
          className="button"
          isDisabled={pageIndex + 1 >= pages}
          onPress={() => setPageIndex(pageIndex + 1)}
        >
          Older
        </Button>
      </nav>
    </section>
  );
}

function VerifyOutcome({
  fetching,
  error,
  result,
}: {
  fetching: boolean;
  error: unknown;
  result: ApiOutputs['activity']['verify'] | undefined;
}) {
  if (fetching) return <Loading>Verifying the hash chain…</Loading>;
  if (error) return <Problem error={error} />;
  if (!result) return null;
  if (result.ok)
    return (
      <p role="status" className="status ok" data-testid="verify-outcome">
        The log holds: {result.entries} entries, each following the one before, up to the head the
        organization keeps.
      </p>
    );
  return (
    <p role="alert" className="status error" data-testid="verify-outcome">
      The log does not hold at entry {result.seq}: {result.problem}.
    </p>
  );
}
