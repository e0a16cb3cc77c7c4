import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTRPC, type ApiOutputs } from '../api.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { AdminPage } from './AdminLayout.js';
import { CreateUser } from './CreateUser.js';
import { ManageUser, type UserRow } from './ManageUser.js';
import { roleLabel } from './roles.js';

// The organization's users for admins: who they are, their role, whether they can sign
// in, when they last did, their single sign-on link and the clinician of the practice
// shown they are linked to; a new user, and each user's changes in a panel of its own.

type Clinician = ApiOutputs['practices']['clinicians'][number];

interface Row extends UserRow {
  clinician: Clinician | undefined;
  clinicianId: string | null;
  /** What the row's dialog needs: the practice shown, its clinicians, whether it may write. */
  context: { canWrite: boolean; manage: (userId: string) => void };
}

const NO_CLINICIANS: Clinician[] = [];

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

const column = createColumnHelper<Row>();

const columns = [
  column.accessor('displayName', { header: 'Name' }),
  column.accessor('email', { header: 'Email' }),
  column.accessor('role', { header: 'Role', cell: (c) => roleLabel(c.getValue()) }),
  column.accessor('disabled', {
    header: 'Enabled',
    cell: (c) => (c.getValue() ? 'Disabled' : 'Enabled'),
  }),
  column.accessor('lastSignInAt', {
    header: 'Last sign-in',
    cell: (c) => {
      const at = c.getValue();
      return at ? dateTime.format(new Date(at)) : 'Never';
    },
  }),
  column.accessor('signInLinked', {
    header: 'Single sign-on',
    cell: (c) => (c.getValue() ? 'Linked' : '—'),
  }),
  column.accessor('clinician', {
    header: 'Clinician',
    cell: ({ row }) =>
      row.original.clinician
        ? `${row.original.clinician.name}, ${row.original.clinician.credential}`
        : (row.original.clinicianId ?? '—'),
  }),
  column.display({
    id: 'actions',
    header: 'Actions',
    cell: ({ row }) =>
      row.original.context.canWrite ? (
        <Button
          className="button"
          aria-label={`Manage ${row.original.displayName}`}
          onPress={() => row.original.context.manage(row.original.id)}
        >
          Manage
        </Button>
      ) : null,
  }),
];

export function UsersPage() {
  return (
    <AdminPage to="/admin/users">
      <Users />
    </AdminPage>
  );
}

function Users() {
  const trpc = useTRPC();
  const { practice, can } = useSession();
  const practiceId = practice?.id ?? '';
  const users = useQuery(trpc.users.list.queryOptions());
  const links = useQuery({
    ...trpc.clinicianLinks.list.queryOptions({ practiceId }),
    enabled: practiceId !== '',
  });
  const clinicians = useQuery({
    ...trpc.practices.clinicians.queryOptions({ practiceId }),
    enabled: practiceId !== '',
  });
  const canWrite = can('users.write');

  const [managed, setManaged] = useState<string>();
  const clinicianList = clinicians.data ?? NO_CLINICIANS;
  const context = { canWrite, manage: setManaged };
  const rows: Row[] = (users.data ?? []).map((u) => {
    const clinicianId = links.data?.find((l) => l.userId === u.id)?.clinicianId ?? null;
    const clinician = clinicianList.find((c) => c.id === clinicianId);
    return { ...u, clinicianId, clinician, context };
  });
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    // Rows are built anew each render: without this the table resets its state on each
    // new array, which renders again, without end (the page froze on the first click).
    autoResetAll: false,
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    enableSorting: false,
  });

  const managedRow = rows.find((r) => r.id === managed);
  return (
    <section aria-labelledby="users-title">
      <div className="toolbar">
        <h1 id="users-title">Users and roles</h1>
        {canWrite ? <CreateUser /> : null}
      </div>
      {users.isError ? <Problem error={users.error} /> : null}
      {links.isError ? <Problem error={links.error} /> : null}
      {clinicians.isError ? <Problem error={clinicians.error} /> : null}
      {practice ? <p className="hint">Clinician links are those of {practice.name}.</p> : null}
      <DataTable table={table} testId="users-table" rowTestId="user-row" busy={users.isFetching} />
      {users.isPending ? <Loading>Loading users…</Loading> : null}
      {users.isSuccess && rows.length === 0 ? <p className="status">No users yet.</p> : null}
      {managedRow && canWrite ? (
        <ManageUser
          // A panel of its own per user: what was typed for one is not offered for another.
          key={managedRow.id}
          user={managedRow}
          practiceId={practiceId}
          clinicians={clinicianList}
          clinicianId={managedRow.clinicianId}
          onClose={() => setManaged(undefined)}
        />
      ) : null}
    </section>
  );
}
