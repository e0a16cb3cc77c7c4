import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  createColumnHelper,
  getCoreRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  ProgressBar,
  SearchField,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useTRPC, type ApiInputs, type ApiOutputs } from './api.js';
import { practiceMonth } from './months.js';
import { useSession } from './session.js';
import { DataTable, Loading, Problem } from './ui.js';

// The patients worklist: one page at a time from the server, which sorts, searches and
// counts; each row with this month's minutes, a bar to the next billable level, the code
// billable now and what blocks billing.

const PAGE_SIZE = 25;

type ListInput = ApiInputs['patients']['list'];
type EnrollmentStatus = NonNullable<ListInput['enrollment']>[number];
type SortField = NonNullable<ListInput['sort']>['field'];
type Row = ApiOutputs['patients']['list']['rows'][number];

/**
 * Ready-made views of the list: by the latest enrollment status (any program), and the
 * two a care manager works from: eligible patients not yet enrolled, and those a few
 * minutes short of the next billable level this month. The server filters all of them.
 */
type ViewFilter = Pick<ListInput, 'enrollment' | 'eligible' | 'nearNextLevel'>;
const NOT_ENROLLED: EnrollmentStatus[] = ['none', 'candidate', 'invited'];
export const VIEWS: Array<{ id: string; label: string; filter: ViewFilter }> = [
  { id: 'all', label: 'All patients', filter: {} },
  {
    id: 'eligible-not-enrolled',
    label: 'Eligible, not enrolled',
    filter: { enrollment: NOT_ENROLLED, eligible: true },
  },
  {
    id: 'near-next-level',
    label: '10 minutes or less from the next level',
    // Not narrowed by the enrollment recorded here: an imported practice's patients are
    // billed on their consents and claims, often with no enrollment history.
    filter: { nearNextLevel: { withinMinutes: 10 } },
  },
  { id: 'not-enrolled', label: 'Not enrolled', filter: { enrollment: NOT_ENROLLED } },
  { id: 'enrolled', label: 'Enrolled', filter: { enrollment: ['enrolled'] } },
  {
    id: 'left',
    label: 'Declined, disenrolled or enrolled elsewhere',
    filter: { enrollment: ['declined', 'disenrolled', 'enrolled-elsewhere'] },
  },
];
const CONSENT_LABELS: Record<NonNullable<Row['consent']>, string> = {
  none: 'none',
  accepted: 'given',
  declined: 'declined',
  revoked: 'revoked',
};
const CARE_PLAN_LABELS: Record<NonNullable<Row['carePlan']>, string> = {
  none: 'none',
  established: 'not shared',
  shared: 'shared',
};
const column = createColumnHelper<Row>();
const columns = [
  column.accessor((r) => `${r.name.family}, ${r.name.given}`, {
    id: 'name',
    header: 'Patient',
    cell: ({ row, getValue }) => <PatientLink patientId={row.original.id} name={getValue()} />,
  }),
  column.accessor('mrn', { header: 'MRN' }),
  column.accessor('birthDate', { header: 'Birth date' }),
  column.accessor('enrollment', {
    header: 'Enrollment',
    enableSorting: false,
    cell: (c) => c.getValue() ?? 'none recorded',
  }),
  column.accessor('chronicConditions', {
    header: 'Chronic conditions',
    enableSorting: false,
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('consent', {
    header: 'Consent',
    enableSorting: false,
    cell: (c) => {
      const value = c.getValue();
      return value ? CONSENT_LABELS[value] : '—';
    },
  }),
  column.accessor('carePlan', {
    header: 'Care plan',
    enableSorting: false,
    cell: (c) => {
      const value = c.getValue();
      return value ? CARE_PLAN_LABELS[value] : '—';
    },
  }),
  column.display({
    id: 'minutes',
    header: "This month's minutes",
    cell: ({ row }) => <Minutes status={row.original.monthStatus} />,
  }),
  column.display({
    id: 'billable',
    header: 'Billable now',
    cell: ({ row }) =>
      row.original.monthStatus?.billable
        .map((l) => `${l.code}${l.units > 1 ? ` x${l.units}` : ''}`)
        .join(', ') || '—',
  }),
  column.display({
    id: 'blockers',
    header: 'Blockers',
    cell: ({ row }) => row.original.monthStatus?.blockers.join(', ') || '—',
  }),
];

function PatientLink({ patientId, name }: { patientId: string; name: string }) {
  const { practice } = useSession();
  if (!practice) return <>{name}</>;
  return (
    <Link to="/patients/$practiceId/$patientId" params={{ practiceId: practice.id, patientId }}>
      {name}
    </Link>
  );
}

function Minutes({ status }: { status: Row['monthStatus'] }) {
  if (!status) return <>—</>;
  const { clinicalStaff, practitioner } = status.countableMinutes;
  const total = clinicalStaff + practitioner;
  if (!status.next) return <>{total} min (top level)</>;
  const goal = total + status.next.minutesNeeded;
  const label = `${total} min, ${status.next.minutesNeeded} more for ${status.next.code}`;
  return (
    <ProgressBar className="progress" value={total} maxValue={goal || 1} aria-label={label}>
      {({ percentage }) => (
        <>
          <span className="progress-label">{label}</span>
          <div className="bar">
            <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  );
}

export function Worklist() {
  const trpc = useTRPC();
  const { practice, can } = useSession();
  const practiceId = practice?.id;
  const [search, setSearch] = useState('');
  const [viewId, setViewId] = useState('all');
  const view = VIEWS.find((v) => v.id === viewId);
  const [pageIndex, setPageIndex] = useState(0);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const month = practiceMonth(practice?.timezone ?? 'UTC');
  const sort = sorting[0];
  const page = useQuery({
    ...trpc.patients.list.queryOptions({
      practiceId: practiceId ?? '',
      page: { index: pageIndex, size: PAGE_SIZE },
      sort: {
        field: (sort?.id ?? 'name') as SortField,
        direction: sort?.desc ? 'desc' : 'asc',
      },
      ...(search.trim() ? { search: search.trim() } : {}),
      ...view?.filter,
      month,
    }),
    enabled: practiceId !== undefined,
    placeholderData: keepPreviousData,
  });

  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: page.data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    rowCount: page.data?.total ?? 0,
    state: { sorting, pagination: { pageIndex, pageSize: PAGE_SIZE } },
    onSortingChange: (updater) => {
      setSorting(updater);
      setPageIndex(0);
    },
    enableSortingRemoval: false,
  });

  if (!practiceId) return <p className="status">This organization has no practice yet.</p>;

  const total = page.data?.total ?? 0;
  const pages = Math.max(1, table.getPageCount());
  return (
    <section aria-labelledby="worklist-title">
      <div className="toolbar">
        <h1 id="worklist-title">Patients · {month}</h1>
        {can('patients.write') ? (
          <Link to="/patients/new" className="button">
            New patient
          </Link>
        ) : null}
        <div className="filters">
          <Select
            className="view"
            selectedKey={viewId}
            onSelectionChange={(key) => {
              setViewId(String(key));
              setPageIndex(0);
            }}
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
          <SearchField
            className="search"
            value={search}
            onChange={(value) => {
              setSearch(value);
              setPageIndex(0);
            }}
          >
            <Label>Search by name, MRN or id</Label>
            <Input />
          </SearchField>
        </div>
      </div>
      {page.isError ? <Problem error={page.error} /> : null}
      <DataTable
        table={table}
        testId="patients-table"
        rowTestId="patient-row"
        busy={page.isFetching}
      />
      {page.isPending ? <Loading>Loading patients…</Loading> : null}
      {page.isSuccess && total === 0 ? (
        <p className="status">No patient matches{search.trim() ? ` "${search.trim()}"` : ''}.</p>
      ) : null}
      <nav className="pager" aria-label="Pages">
        <Button
          className="button"
          isDisabled={pageIndex === 0}
          onPress={() => setPageIndex(pageIndex - 1)}
        >
          Previous
        </Button>
        <span data-testid="page-of">
          Page {pageIndex + 1} of {pages} · {total} patients
        </span>
        <Button
          className="button"
          isDisabled={pageIndex + 1 >= pages}
          onPress={() => setPageIndex(pageIndex + 1)}
        >
          Next
        </Button>
      </nav>
    </section>
  );
}
