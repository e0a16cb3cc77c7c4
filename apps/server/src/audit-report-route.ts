import { allows } from '@chronicle/api';
import { auditRunReport, getAuditRun, type Db } from '@chronicle/db';
import type { PluginHost } from '@chronicle/plugin-api/host';
import {
  renderAuditCsv,
  renderAuditHtml,
  renderAuditPdf,
  type AuditRenderOptions,
} from '@chronicle/report';
import { auditReportSchema, ruleList, type AuditReport } from '@chronicle/rules';
import express, { type NextFunction, type Request, type Response } from 'express';
import { sendError } from './http-errors.js';

// GET /api/audits/:runId/report.{json,csv,html,pdf}: a done audit run's report as a file, for
// a signed-in caller whose role may read audits. A download is a plain GET (a link or a
// browser's save), so it sits beside tRPC rather than inside it; it answers with the same
// error bodies, and its read goes to the activity log like every read of patient data.

const FORMATS = {
  json: {
    type: 'application/json; charset=utf-8',
    render: (report: AuditReport) => `${JSON.stringify(report, null, 2)}\n`,
  },
  csv: { type: 'text/csv; charset=utf-8', render: (report: AuditReport) => renderAuditCsv(report) },
  html: { type: 'text/html; charset=utf-8', render: renderAuditHtml },
  pdf: {
    type: 'application/pdf',
    // express sends a Buffer as bytes; a bare Uint8Array would go out as JSON.
    render: async (report: AuditReport, options: AuditRenderOptions) =>
      Buffer.from(await renderAuditPdf(report, options)),
  },
} as const satisfies Record<
  string,
  {
    type: string;
    render: (
      report: AuditReport,
      options: AuditRenderOptions,
    ) => string | Buffer | Promise<string | Buffer>;
  }
>;

/** What the readable reports take from the plugins: their rules' texts and their sections. */
export type ReportPlugins = Pick<PluginHost, 'rules' | 'renderReportSections'>;
type Format = keyof typeof FORMATS;

const isFormat = (format: string): format is Format => Object.hasOwn(FORMATS, format);

export function auditReportRoutes(db: Db, plugins?: ReportPlugins): express.Router {
  const routes = express.Router();
  routes.get(
    '/api/audits/:runId/report.:format',
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const { runId, format } = req.params as { runId: string; format: string };
        const caller = req.caller;
        if (!caller) {
          sendError(res, 'UNAUTHORIZED', '', 'sign in first');
          return;
        }
        if (!allows(caller.role, 'audits.read')) {
          sendError(res, 'FORBIDDEN', '', `the ${caller.role} role may not audits.read`);
          return;
        }
        if (!isFormat(format)) {
          sendError(res, 'BAD_REQUEST', 'format', 'must be json, csv, html or pdf');
          return;
        }
        const run = await getAuditRun(db, caller.orgId, runId);
        if (!run) {
          sendError(res, 'NOT_FOUND', 'runId', `no audit run "${runId}"`);
          return;
        }
        const stored =
          run.status === 'done' && (await auditRunReport(db, caller.orgId, runId, caller.userId));
        if (!stored) {
          sendError(
            res,
            'CONFLICT',
            'runId',
            `the run is ${run.status}; its report comes when it is done`,
          );
          return;
        }
        const { type, render } = FORMATS[format];
        const report = auditReportSchema.parse(stored);
        // The plugins' rules (their descriptions and corrective actions) and sections, as
        // the command line shows them; without plugins, the CMS catalogue alone.
        const readable = plugins && (format === 'html' || format === 'pdf');
        const options: AuditRenderOptions = readable
          ? { rules: ruleList(plugins.rules()), sections: plugins.renderReportSections(report) }
          : {};
        const body = await render(report, options);
        res
          .status(200)
          .set({
            'Content-Type': type,
            'Content-Disposition': `attachment; filename="audit-${fileSafe(run.practiceId)}-${fileSafe(runId)}.${format}"`,
            // A report holds patient data: no shared cache keeps it.
            'Cache-Control': 'no-store',
          })
          .send(body);
      } catch (error) {
        next(error);
      }
    },
  );
  return routes;
}

/** Only characters every file system and header parser takes. */
const fileSafe = (value: string) => value.replace(/[^A-Za-z0-9._-]/g, '_');
