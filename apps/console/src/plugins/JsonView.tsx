import type { ApiOutputs } from '../api.js';

// A plugin panel's data shown as plain HTML, whatever its shape: an object as a definition
// list, a list of flat objects as a table, other lists as lists, values as text. Every
// string goes through React as text, so markup in the data shows as characters and a URL
// is not made a link: a plugin puts data on the page, never behaviour.

type Panel = ApiOutputs['plugins']['patientPanels'][number];
export type Json = Extract<Panel, { ok: true }>['data'];
type JsonObject = { readonly [key: string]: Json };
type Scalar = string | number | boolean | null;

/** Nested deeper than this, the rest is shown as JSON text. */
const MAX_DEPTH = 5;
/** Longer lists show their first items and how many more there are. */
const MAX_ITEMS = 100;

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: Json): value is Scalar => value === null || typeof value !== 'object';

export function JsonView({ value, depth = 0 }: { value: Json; depth?: number }) {
  if (isScalar(value)) return <ScalarText value={value} />;
  if (depth >= MAX_DEPTH) return <code className="json-text">{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) return <JsonList items={value as readonly Json[]} depth={depth} />;
  const entries = Object.entries(value as JsonObject);
  if (entries.length === 0) return <span className="json-empty">none</span>;
  return (
    <dl className="json-object">
      {entries.map(([key, child]) => (
        <div key={key} className="json-entry">
          <dt>{key}</dt>
          <dd>
            <JsonView value={child} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ScalarText({ value }: { value: Scalar }) {
  if (value === null) return <span className="json-empty">—</span>;
  if (typeof value === 'boolean') return <>{value ? 'yes' : 'no'}</>;
  return <>{String(value)}</>;
}

function JsonList({ items, depth }: { items: readonly Json[]; depth: number }) {
  if (items.length === 0) return <span className="json-empty">none</span>;
  const shown = items.slice(0, MAX_ITEMS);
  const more =
    items.length > shown.length ? (
      <p className="hint">… and {items.length - shown.length} more.</p>
    ) : null;
  // A list of flat records (the usual panel: a row per review, per claim) reads as a table.
  if (shown.every((item) => isObject(item) && Object.values(item).every(isScalar))) {
    const rows = shown as readonly JsonObject[];
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    return (
      <>
        <table className="json-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((column) => (
                  <td key={column}>
                    {Object.hasOwn(row, column) ? (
                      <ScalarText value={row[column] as Scalar} />
                    ) : (
                      <span className="json-empty">—</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {more}
      </>
    );
  }
  return (
    <>
      <ul className="json-list">
        {shown.map((item, i) => (
          <li key={i}>
            <JsonView value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
      {more}
    </>
  );
}
