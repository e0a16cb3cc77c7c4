import type { ApiInputs, ApiOutputs } from '../api.js';

// The month-end billing screen's view of a month: each proposal of the rules core beside
// the claims already made from it and whether its patient-month is closed. The server
// answers the three separately (claims.propose, claims.list, monthClose.list); the screen
// and its CSV export join them here, one way, so that both say the same thing.

export type Proposal = ApiOutputs['claims']['propose']['patients'][number];
export type Claim = ApiOutputs['claims']['list'][number];
export type MonthClose = ApiOutputs['monthClose']['list'][number];
export type ClaimLine = ApiInputs['claims']['approve']['lines'][number];

/** Where a proposal stands: what the billing clerk does next with it. */
export type ProposalState = 'ready' | 'blocked' | 'no-line' | 'claimed';

export interface ProposalRow {
  proposal: Proposal;
  state: ProposalState;
  /** The claims of the patient-month by the proposal's practitioner (denied ones too). */
  claims: Claim[];
  close: MonthClose | undefined;
}

export const STATE_LABELS: Record<ProposalState, string> = {
  ready: 'Ready to approve',
  blocked: 'Blocked',
  'no-line': 'No billable line yet',
  claimed: 'Claimed',
};

/** "99490 x1, 99439 x1", the way the server names lines in its messages. */
export function linesText(lines: readonly ClaimLine[]): string {
  return lines.map((l) => `${l.code} x${l.units}`).join(', ');
}

export function proposalRows(
  proposals: readonly Proposal[],
  claims: readonly Claim[],
  closes: readonly MonthClose[],
): ProposalRow[] {
  return proposals.map((proposal) => {
    const mine = claims.filter(
      (c) =>
        c.patientId === proposal.patientId &&
        c.billingPractitionerId === proposal.billingPractitionerId,
    );
    // A denied claim does not bill the month: the server lets another be approved.
    const standing = mine.filter((c) => c.status !== 'denied');
    const state: ProposalState =
      standing.length > 0
        ? 'claimed'
        : proposal.blockers.length > 0
          ? 'blocked'
          : proposal.lines.length === 0 || proposal.billingPractitionerId === null
            ? 'no-line'
            : 'ready';
    return {
      proposal,
      state,
      claims: mine,
      close: closes.find((c) => c.patientId === proposal.patientId),
    };
  });
}

/** The patients with claims in the month, in order: the patient-months to close. */
export function billedPatients(claims: readonly Claim[]): string[] {
  return [...new Set(claims.map((c) => c.patientId))].sort();
}

/** A step's reason, for the last step that has one (why a claim is held, or released). */
export function lastReason(claim: Claim): string | null {
  return claim.history.findLast((s) => s.reason !== null)?.reason ?? null;
}

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  const d = new Date(Date.UTC(year, index - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `count` months up to and including `last`, newest first. */
export function recentMonths(last: string, count: number): string[] {
  const months = [last];
  while (months.length < count) months.push(previousMonth(months.at(-1) as string));
  return months;
}
