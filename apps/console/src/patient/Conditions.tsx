import { useQuery } from '@tanstack/react-query';
import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { usePracticeToday, type PatientRef } from './shared.js';

// The patient's conditions, each with whether the rules core counts it chronic and why.
// The server classifies them (patients.get), so the console never carries the code lists;
// the count of chronic conditions active today is the one CCM eligibility needs (two or more).

type Row = ApiOutputs['patients']['get']['conditions'][number];
type Basis = Row['classification']['basis'];

/** Why a condition is (or is not) chronic, in the words a care manager knows. */
const BASIS: Record<Basis, string> = {
  override: "the clinician's own flag on the record",
  ccw: 'CMS Chronic Conditions Warehouse',
  cci: 'AHRQ Chronic Condition Indicator',
  'snomed-curated': "Chronicle's SNOMED CT list",
  none: 'on no chronic-condition list',
};

/** Active, not yet begun, or ended, as of the practice's today. */
function statusOf(row: Row, today: string): string {
  if (row.onset !== undefined && row.onset > today) return 'not yet begun';
  if (row.abatement !== undefined && row.abatement < today) return `ended ${row.abatement}`;
  return 'active';
}

function chronicText(row: Row): string {
  const c = row.classification;
  const category = c.categoryName ? ` (${c.categoryName})` : '';
  return `${c.chronic ? 'Chronic' : 'Not chronic'}: ${BASIS[c.basis]}${category}`;
}

const column = createColumnHelper<Row>();

export function Conditions({ practiceId, patientId }: PatientRef) {
  const trpc = useTRPC();
  const found = useQuery(trpc.patients.get.queryOptions({ practiceId, patientId }));
  const [sorting, setSorting] = useState<SortingState>([]);
  const today = usePracticeToday(practiceId);
  const columns = [
    column.accessor('code', { header: 'Code' }),
    column.accessor('system', { header: 'System' }),
    column.accessor((r) => r.display ?? '—', { id: 'display', header: 'Description' }),
    column.accessor((r) => r.onset ?? '—', { id: 'onset', header: 'Onset' }),
    column.accessor((r) => r.abatement ?? '—', { id: 'abatement', header: 'Abatement' }),
    column.accessor((r) => statusOf(r, today), { id: 'status', header: 'Status' }),
    column.accessor((r) => r.classification.chronic, {
      id: 'chronic',
      header: 'Chronic',
      cell: ({ row }) => (
        <span
          className={row.original.classification.chronic ? 'flag chronic' : 'flag'}
          data-testid="chronic-flag"
        >
          {chronicText(row.original)}
        </span>
      ),
    }),
  ];
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: found.data?.conditions ?? [],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  if (found.isPending) return <Loading>Loading the conditions…</Loading>;
  if (found.isError) return <Problem error={found.error} />;
  const rows = found.data.conditions;
  const chronicActive = rows.filter(
    (r) => r.classification.chronic && statusOf(r, today) === 'active',
  ).length;
  return (
    <section className="record-section" aria-labelledby="conditions-title">
      <h2 id="conditions-title">Conditions</h2>
      <p data-testid="chronic-count" className={chronicActive >= 2 ? 'note' : 'note warn'}>
        {chronicActive} chronic condition{chronicActive === 1 ? '' : 's'} active today
        {chronicActive >= 2
          ? ': enough for CCM (two or more).'
          : ': CCM needs two or more chronic conditions.'}
      </p>
      {rows.length === 0 ? (
        <p className="status">No condition is recorded for this patient.</p>
      ) : (
        <DataTable table={table} testId="conditions-table" rowTestId="condition-row" />
      )}
    </section>
  );
}
