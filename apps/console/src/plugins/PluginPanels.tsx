import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { Problem } from '../ui.js';
import { JsonView } from './JsonView.js';

// "From plugins": the console panels the server's plugins contribute to a page. The server
// computes each panel's data with its plugin's own function (plugins.patientPanels,
// plugins.auditRunPanels); the console only shows that data, so no plugin code runs in the
// browser. A panel whose plugin failed shows why, and the others still show. With no
// panel for the page, the section is not there at all.

type Panel = ApiOutputs['plugins']['patientPanels'][number];

/** The panels of a patient's page. */
export function PatientPluginPanels({
  practiceId,
  patientId,
}: {
  practiceId: string;
  patientId: string;
}) {
  const trpc = useTRPC();
  const panels = useQuery(trpc.plugins.patientPanels.queryOptions({ practiceId, patientId }));
  return <PanelsSection query={panels} />;
}

/** The panels of a done audit run's page. */
export function AuditRunPluginPanels({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const panels = useQuery(trpc.plugins.auditRunPanels.queryOptions({ runId }));
  return <PanelsSection query={panels} />;
}

function PanelsSection({
  query,
}: {
  query: { isPending: boolean; error: unknown; data: Panel[] | undefined };
}) {
  const titleId = useId();
  // Most installations have no panel: nothing shows while asking, nor after.
  if (query.isPending || (query.data && query.data.length === 0)) return null;
  return (
    <section
      className="record-section plugin-panels"
      aria-labelledby={titleId}
      data-testid="plugin-panels"
    >
      <h2 id={titleId}>From plugins</h2>
      <p className="hint">
        Shown as the organization&apos;s plugins computed it on the server, from this record.
      </p>
      {query.error ? <Problem error={query.error} /> : null}
      {query.data?.map((panel) => (
        <PluginPanel key={`${panel.plugin}/${panel.id}`} panel={panel} />
      ))}
    </section>
  );
}

function PluginPanel({ panel }: { panel: Panel }) {
  const titleId = useId();
  return (
    <section className="plugin-panel" aria-labelledby={titleId} data-testid="plugin-panel">
      <h3 id={titleId}>{panel.title}</h3>
      <p className="hint" data-testid="plugin-panel-source">
        From the plugin {panel.plugin}
      </p>
      {panel.ok ? (
        <JsonView value={panel.data} />
      ) : (
        <p role="alert" className="status error" data-testid="plugin-panel-error">
          This panel could not be shown: {panel.error}
        </p>
      )}
    </section>
  );
}
