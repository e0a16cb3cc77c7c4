import { TRPCClientError } from '@trpc/client';
import type { ApiOutputs } from '../api.js';
import { Problem } from '../ui.js';

// What the audit screens share: a run's type, whether it is still going, how its period,
// its sample, amounts and instants read, and the refusal a role without audits.read gets,
// in plain words.

export type AuditRun = ApiOutputs['audits']['get'];

export const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** How a sample was stratified, in words. */
export function stratifyLabel(stratify: 'practitioner' | 'amount' | undefined): string {
  if (stratify === 'practitioner') return 'by billing practitioner';
  if (stratify === 'amount') return 'by billed amount (thirds)';
  return 'none (simple random sample)';
}

/** Queued or running: the run may still change, so it is followed and may be cancelled. */
export const isActive = (run: Pick<AuditRun, 'status'>) =>
  run.status === 'queued' || run.status === 'running';

export function periodLabel(run: Pick<AuditRun, 'from' | 'to'>): string {
  if (!run.from && !run.to) return 'Every billed month';
  if (run.from === run.to) return run.from ?? '';
  return `${run.from ?? 'the first billed month'} to ${run.to ?? 'the last billed month'}`;
}

/** An instant as the practice reads it (its time zone), or a dash. */
export function instantLabel(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/**
 * A failed audit query. FORBIDDEN means the role may not see audits at all: said so
 * plainly rather than in the server's permission name.
 */
export function AuditProblem({ error }: { error: unknown }) {
  if (error instanceof TRPCClientError && error.data?.code === 'FORBIDDEN')
    return (
      <p role="alert" className="status error" data-testid="audits-forbidden">
        Your role may not see audits. Audits are open to administrators, compliance officers and
        auditors.
      </p>
    );
  return <Problem error={error} />;
}
