import { flexRender, type Table } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { problemText } from './api.js';

// Pieces every screen shares: how a table is drawn (TanStack Table's model, sortable
// headings as buttons with aria-sort), and the loading, empty and error states.

/** A query's failure in the server's words, announced to screen readers. */
export function Problem({ error }: { error: unknown }) {
  return (
    <p role="alert" className="status error">
      {problemText(error)}
    </p>
  );
}

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="status" role="status">
      {children}
    </p>
  );
}

/**
 * A TanStack table as an HTML table: `testId` on the table, `rowTestId` on each body row
 * (the browser tests read them), sortable columns' headings as buttons.
 */
export function DataTable<Row>({
  table,
  testId,
  rowTestId,
  busy = false,
  caption,
}: {
  table: Table<Row>;
  testId: string;
  rowTestId: string;
  busy?: boolean;
  caption?: string;
}) {
  return (
    <table data-testid={testId} aria-busy={busy}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                >
                  {header.column.getCanSort() ? (
                    <Button className="sort" onPress={() => header.column.toggleSorting()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {/* The heading's aria-sort says it to screen readers. */}
                      <span aria-hidden="true">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </span>
                    </Button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid={rowTestId}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
