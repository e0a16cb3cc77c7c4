import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTRPC, type ApiOutputs } from '../api.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { AdminPage } from './AdminLayout.js';

// The server's plugins, in the order its config lists them (the order their rules run
// in): each one's version, state, what its manifest contributes and every problem found,
// by severity and the part of the plugin it concerns. A refused or failed plugin's rules
// do not run in audits; its problems say what to fix. The list is the server's since it
// started (plugins.list): a changed config shows after a restart.

type Plugin = ApiOutputs['plugins']['list'][number];
type State = Plugin['state'];
type Point = keyof Plugin['contributions'];

/** Each state in words: what it means for audits and what to do. */
const STATES: Record<State, string> = {
  active: 'loaded: what it contributes is in use.',
  inactive: 'accepted, waiting for an event it listens for; nothing of it runs yet.',
  refused:
    'not loaded: its manifest has errors, its engines range excludes this Chronicle, or it could not be read.',
  failed: 'its code did not load or its activate threw: whatever it had registered is undone.',
};

/** Each contribution point, singular and plural. */
const POINTS: Record<Point, [string, string]> = {
  rules: ['rule', 'rules'],
  codeSets: ['code set', 'code sets'],
  policies: ['policy', 'policies'],
  reportSections: ['report section', 'report sections'],
  consolePanels: ['console panel', 'console panels'],
  commands: ['command', 'commands'],
};

function contributionsText(contributions: Plugin['contributions']): string {
  const parts = (Object.keys(POINTS) as Point[]).flatMap((point) => {
    const n = contributions[point]?.length ?? 0;
    const [one, many] = POINTS[point];
    return n > 0 ? [`${n} ${n === 1 ? one : many}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

const column = createColumnHelper<Plugin>();
const columns = [
  column.accessor('id', {
    header: 'Plugin',
    cell: ({ row }) => (
      <>
        <code data-testid="plugin-id">{row.original.id}</code>
        {row.original.displayName ? (
          <div className="plugin-name">{row.original.displayName}</div>
        ) : null}
        <div className="hint">from {row.original.location}</div>
      </>
    ),
  }),
  column.accessor((p) => p.version ?? '—', { id: 'version', header: 'Version' }),
  column.accessor('state', {
    header: 'State',
    cell: ({ getValue }) => (
      <span className={`plugin-state state-${getValue()}`} data-testid="plugin-state">
        {getValue()}
      </span>
    ),
  }),
  column.accessor((p) => contributionsText(p.contributions), {
    id: 'contributions',
    header: 'Contributes',
  }),
  column.accessor('problems', {
    header: 'Problems',
    cell: ({ getValue }) => <Problems problems={getValue()} />,
  }),
];

function Problems({ problems }: { problems: Plugin['problems'] }) {
  if (problems.length === 0) return <span className="hint">none</span>;
  return (
    <ul className="plugin-problems" data-testid="plugin-problems">
      {problems.map((p, i) => (
        <li key={i} data-testid="plugin-problem">
          <span className={`severity-${p.severity}`}>{p.severity}</span> <code>{p.point}</code>:{' '}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

export function PluginsPage() {
  return (
    <AdminPage to="/admin/plugins">
      <PluginList />
    </AdminPage>
  );
}

function PluginList() {
  const trpc = useTRPC();
  const plugins = useQuery(trpc.plugins.list.queryOptions());
  // The console is not built with the React Compiler, whose memoizing this warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: plugins.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (p, i) => `${i}:${p.id}`,
    enableSorting: false,
    // `data` is a new array on every render while loading (see the activity log).
    autoResetAll: false,
  });
  const list = plugins.data ?? [];
  const counts = (Object.keys(STATES) as State[])
    .map((state) => [state, list.filter((p) => p.state === state).length] as const)
    .filter(([, n]) => n > 0);
  const broken = list.some((p) => p.state === 'refused' || p.state === 'failed');

  return (
    <section aria-labelledby="plugins-title">
      <h1 id="plugins-title">Plugins</h1>
      <p>
        The plugins the server loaded from its config file at start-up, in the config&apos;s order:
        rules run, and are listed in reports, in this order. Changing the config takes a restart of
        the server.
      </p>
      {plugins.isPending ? <Loading>Loading the plugins…</Loading> : null}
      {plugins.isError ? <Problem error={plugins.error} /> : null}
      {plugins.isSuccess ? (
        <p data-testid="plugins-summary" className={broken ? 'note warn' : 'note'}>
          {list.length} plugin{list.length === 1 ? '' : 's'}
          {counts.length > 0 ? `: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}.` : '.'}
          {broken
            ? " A refused or failed plugin's rules do not run in audits: its problems say what to fix."
            : ''}
        </p>
      ) : null}
      {plugins.isSuccess && list.length > 0 ? (
        <DataTable table={table} testId="plugins-table" rowTestId="plugin-row" />
      ) : null}
      <h2>States</h2>
      <dl className="facts plugin-states">
        {(Object.keys(STATES) as State[]).map((state) => (
          <div key={state} className="fact">
            <dt>{state}</dt>
            <dd>{STATES[state]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
