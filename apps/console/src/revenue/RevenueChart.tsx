import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ApiOutputs } from '../api.js';
import { DataTable } from '../ui.js';

// The year's revenue month by month, stacked by code, and the same numbers as a table:
// the chart is for seeing the shape, the table is its text alternative (screen readers,
// copying figures) and what the tests read. Only this route loads the chart library.

type Result = ApiOutputs['revenue']['calculate'];

/** Distinguishable colours, in ladder order of the codes; dark enough on white. */
const COLOURS = ['#1f3a5f', '#2f7d32', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f'];

export const dollars = (n: number) =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

type MonthRow = { month: string; total: number } & Record<string, number | string>;

export function RevenueChart({ result }: { result: Result }) {
  const codes = result.codes.map((c) => c.code);
  const data: MonthRow[] = result.monthly.map((m) => ({
    month: m.month,
    total: m.amount,
    ...Object.fromEntries(m.codes.map((c) => [c.code, c.amount])),
  }));

  const column = createColumnHelper<MonthRow>();
  const columns = [
    column.accessor('month', { header: 'Month' }),
    ...codes.map((code) =>
      column.accessor((r) => Number(r[code] ?? 0), {
        id: code,
        header: code,
        cell: (c) => dollars(c.getValue()),
      }),
    ),
    column.accessor('total', { header: 'Total', cell: (c) => dollars(c.getValue()) }),
  ];
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    autoResetPageIndex: false, // a new array each render would otherwise loop
  });

  return (
    <figure className="revenue-figure" aria-labelledby="revenue-chart-title">
      <figcaption id="revenue-chart-title">
        Monthly revenue by code, {result.input.year} (the table below gives the same figures)
      </figcaption>
      {/* The table is the chart's text alternative; the drawing itself is left out of the
          accessibility tree rather than read out bar by bar. */}
      <div className="revenue-chart" aria-hidden="true" data-testid="revenue-chart">
        <ResponsiveContainer width="100%" height={320}>
          <BarChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis width={90} tickFormatter={(v: number) => dollars(v)} />
            <Tooltip formatter={(v) => dollars(Number(v))} />
            <Legend />
            {codes.map((code, i) => (
              <Bar
                key={code}
                dataKey={code}
                stackId="month"
                fill={COLOURS[i % COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DataTable
        table={table}
        testId="revenue-monthly-table"
        rowTestId="revenue-month-row"
        caption={`Monthly revenue by code, ${result.input.year}`}
      />
    </figure>
  );
}
