import { auditRunReport, getAuditRun, getPatientWithPractice } from '@chronicle/db';
import type { ConsolePanelInfo, PanelData, PluginInfo } from '@chronicle/plugin-api/host';
import type { ConsolePanelInput } from '@chronicle/plugin-api/proposed';
import type { AuditReport } from '@chronicle/rules';
import { z } from 'zod';
import type { ApiContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { procedure, router } from '../trpc.js';
import { patientRef } from './patients.js';

// The server's plugins as its config loaded them: each one's id, version, state (active,
// inactive, refused, failed), what it contributes and its problems. The console's plugins
// page reads this; `chronicle plugins` prints the same for the CLI's config.
//
// And the console panels the active plugins contribute, with their data: computed here by
// each plugin's own function from what the caller may already read (a patient's record
// under patients.read, a done audit run's report under audits.read), so that no plugin
// code runs in the browser. One panel that throws gives that panel an error; the others
// still come.

/** One panel of a console page: whose, its title, and its data or why it has none. */
export type PluginPanel = Omit<ConsolePanelInfo, 'location'> & PanelData;

const runId = z.string().min(1, 'is required').max(200);

export const pluginsRouter = router({
  list: procedure('plugins.read').query(({ ctx }): PluginInfo[] => ctx.plugins?.list() ?? []),
  /** The panels of a patient's page, computed from the patient's record and practice. */
  patientPanels: procedure('patients.read')
    .input(patientRef)
    .query(({ ctx, input }) =>
      panelsOf(ctx, 'patient', async () => {
        const found = await getPatientWithPractice(
          ctx.db,
          ctx.caller.orgId,
          ctx.caller.userId,
          input,
        );
        if (!found)
          throw notFound(
            'patientId',
            `patient "${input.patientId}" in practice "${input.practiceId}"`,
          );
        return { location: 'patient', ...found };
      }),
    ),
  /** The panels of a done audit run's page, computed from the run's report. */
  auditRunPanels: procedure('audits.read')
    .input(z.strictObject({ runId }))
    .query(({ ctx, input }) =>
      panelsOf(ctx, 'audit-run', async () => {
        const { orgId, userId } = ctx.caller;
        const run = await getAuditRun(ctx.db, orgId, input.runId);
        if (!run) throw notFound('runId', `audit run "${input.runId}"`);
        if (run.status !== 'done')
          throw new ApiError('CONFLICT', [
            { path: 'runId', message: `the run is ${run.status}; its panels come when it is done` },
          ]);
        const report = await auditRunReport(ctx.db, orgId, input.runId, userId);
        if (!report) throw notFound('runId', `report of audit run "${input.runId}"`);
        // Written by the audit job from the canonical report: it has the report's shape.
        return { location: 'audit-run', report: report as unknown as AuditReport };
      }),
    ),
});

/**
 * Each panel of the location with its data. With no panel there, nothing is read (nor
 * logged). Every panel gets the same input, frozen: a plugin that changes it fails its own
 * panel instead of changing what the next plugin sees.
 */
async function panelsOf(
  ctx: ApiContext,
  location: ConsolePanelInfo['location'],
  read: () => Promise<ConsolePanelInput>,
): Promise<PluginPanel[]> {
  const plugins = ctx.plugins;
  const panels = plugins?.consolePanels(location) ?? [];
  if (!plugins || panels.length === 0) return [];
  const input = deepFreeze(await read());
  return Promise.all(
    panels.map(async ({ plugin, id, title }) => {
      const result = await plugins.consolePanelData(plugin, id, input);
      // The error's words may quote the record: the log names the panel only.
      if (!result.ok)
        ctx.log.warn(
          { event: 'plugin panel failed', plugin, panel: id, location },
          'plugin panel failed',
        );
      return { plugin, id, title, ...result };
    }),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
