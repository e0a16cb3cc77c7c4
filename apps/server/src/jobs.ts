import { setTimeout as sleep } from 'node:timers/promises';
import type { JobQueue } from '@chronicle/api';
import { executeAuditRun, failInterruptedAuditRun, type Connection } from '@chronicle/db';
import { sampleReport } from '@chronicle/report';
import type { Rule } from '@chronicle/rules';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

// Background jobs on pg-boss, durable in the database itself: on PostgreSQL with its own
// small pool, on the embedded database through the connection's raw query (pg-boss's SQL
// is plain PostgreSQL, which PGlite runs). A job is taken by exactly one worker (pg-boss
// claims with SKIP LOCKED); one that was running when its process died expires after the
// audit timeout and is retried, the run starting again from the beginning. A job whose
// every attempt was lost goes to a dead-letter queue, whose worker marks the run failed,
// so that no run says "running" for ever.

export const AUDIT_QUEUE = 'audit-run';
export const LOST_AUDIT_QUEUE = 'audit-run-lost';
/** Attempts after the first before a lost audit is given up. */
const AUDIT_RETRIES = 2;

interface AuditJob {
  orgId: string;
  runId: string;
}

export interface Jobs extends JobQueue {
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to `graceMs`) for those in flight. */
  stop(graceMs: number): Promise<void>;
  ready(): boolean;
}

export function createJobs(
  conn: Connection,
  log: Logger,
  options: {
    work?: boolean;
    pollingSeconds?: number;
    now?: () => Date;
    /** The rules audits run: the plugins' (the CMS catalogue by default). */
    rules?: () => readonly Rule[];
    /** Seconds an audit may run before its job is presumed lost and retried. */
    auditTimeoutSeconds?: number;
    /** How often this process looks for lost jobs (pg-boss maintenance), in seconds. */
    maintenanceSeconds?: number;
    /** Attempts after the first before a lost audit is marked failed (default 2). */
    auditRetries?: number;
  } = {},
): Jobs {
  const now = options.now ?? (() => new Date());
  const auditTimeoutSeconds = options.auditTimeoutSeconds ?? 30 * 60;
  const auditRetries = options.auditRetries ?? AUDIT_RETRIES;
  const boss = new PgBoss({
    ...(conn.postgresUrl
      ? { connectionString: conn.postgresUrl, max: 3 }
      : { db: { executeSql: (text: string, values: unknown[]) => conn.rawQuery(text, values) } }),
    schema: 'pgboss',
    // No cron here; maintenance (expiring and archiving jobs) runs on every process.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 60,
  });
  let started = false;
  boss.on('error', (error: Error) =>
    log.error({ error: error.name, stack: error.stack }, 'job queue error'),
  );
  return {
    async start() {
      await boss.start();
      await ensureAuditQueues(boss, {
        expireInSeconds: auditTimeoutSeconds,
        retryLimit: auditRetries,
      });
      if (options.work !== false) {
        await boss.work<AuditJob>(
          AUDIT_QUEUE,
          { pollingIntervalSeconds: options.pollingSeconds ?? 2, batchSize: 1 },
          async ([job]) => {
            if (!job) return;
            const { orgId, runId } = job.data;
            log.info({ event: 'audit started', orgId, runId }, 'audit started');
            const status = await executeAuditRun(conn.db, {
              orgId,
              runId,
              actor: `job:${runId}`,
              now,
              checkpoints: conn.kind === 'postgres',
              drawSample: (report, sample) => sampleReport(report, sample),
              ...(options.rules ? { rules: options.rules() } : {}),
            });
            log.info({ event: 'audit finished', orgId, runId, status }, 'audit finished');
          },
        );
        await boss.work<AuditJob>(
          LOST_AUDIT_QUEUE,
          { pollingIntervalSeconds: options.pollingSeconds ?? 2, batchSize: 1 },
          async ([job]) => {
            if (!job) return;
            const { orgId, runId } = job.data;
            const marked = await failInterruptedAuditRun(conn.db, {
              orgId,
              runId,
              attempts: auditRetries + 1,
              now: now(),
            });
            log.warn({ event: 'audit given up', orgId, runId, marked }, 'audit given up');
          },
        );
      }
      started = true;
    },
    async stop(graceMs) {
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(graceMs, 1) });
    },
    ready: () => started,
    async enqueueAudit(orgId, runId) {
      await boss.send(AUDIT_QUEUE, { orgId, runId } satisfies AuditJob, {
        singletonKey: runId,
        expireInSeconds: auditTimeoutSeconds,
      });
    },
  };
}

/** PostgreSQL's codes for a deadlock and for a row another transaction has just added. */
const RACE_CODES = new Set(['40P01', '23505']);

/**
 * Creates the audit queue and its dead-letter queue, or brings an existing audit queue's
 * options up to date. Processes started together on a new database all try: pg-boss's
 * create_queue then deadlocks or collides in one of them (seen with two servers starting
 * at once), so a lost race is tried again once the winner has made it.
 */
async function ensureAuditQueues(
  boss: PgBoss,
  limits: { expireInSeconds: number; retryLimit: number },
): Promise<void> {
  const audit = { ...limits, retryDelay: 5, deadLetter: LOST_AUDIT_QUEUE };
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(LOST_AUDIT_QUEUE)))
        await boss.createQueue(LOST_AUDIT_QUEUE, { name: LOST_AUDIT_QUEUE, retryLimit: 5 });
      if (await boss.getQueue(AUDIT_QUEUE))
        await boss.updateQueue(AUDIT_QUEUE, { name: AUDIT_QUEUE, ...audit });
      else await boss.createQueue(AUDIT_QUEUE, { name: AUDIT_QUEUE, ...audit });
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || typeof code !== 'string' || !RACE_CODES.has(code)) throw error;
      await sleep(50 * attempt);
    }
  }
}
