import type { Db, Role } from '@chronicle/db';
import type { PluginHost } from '@chronicle/plugin-api/host';

// What every procedure is given: the database, who is calling (from the session cookie,
// read per request: the server keeps nothing in memory between requests), the clock, and
// the background job queue.

export interface Caller {
  orgId: string;
  userId: string;
  role: Role;
  /** The session's id (the token's hash), for signing out. */
  sessionId: string;
}

export interface JobQueue {
  /** Queues the audit run `runId` of the organization; it runs once, on some process. */
  enqueueAudit(orgId: string, runId: string): Promise<void>;
}

/** The part of a pino logger procedures use; never given patient data. */
export interface Log {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

/** Hashes a new password for storage (argon2id in the server); the API never stores one. */
export type HashPassword = (password: string) => Promise<string>;

/**
 * The server's plugins, loaded at start-up from its config file: their listing, and the
 * console panels the active ones contribute, computed here on the server.
 */
export type PluginCatalogue = Pick<PluginHost, 'list' | 'consolePanels' | 'consolePanelData'>;

export interface ApiContext {
  db: Db;
  caller: Caller | null;
  now: () => Date;
  jobs: JobQueue;
  log: Log;
  hashPassword: HashPassword;
  /** Absent in a server started without plugins (then none are listed). */
  plugins?: PluginCatalogue;
}
