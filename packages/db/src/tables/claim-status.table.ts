import type { ColumnType, Generated } from 'kysely';

/** The steps of the approval workflow a claim made from a proposal goes through. */
export type ClaimWorkflowStep = 'approved' | 'held' | 'released' | 'submitted';

/**
 * One step of a claim's workflow, never updated or deleted: who took it, when, and why
 * (a hold and its release need a reason). The claim is named by id, without a foreign
 * key, so that its history outlives an import that drops it and one that brings it back.
 */
export interface ClaimStatusTable {
  org_id: string;
  id: Generated<number>;
  practice_id: string;
  patient_id: string;
  claim_id: string;
  status: ClaimWorkflowStep;
  reason: string | null;
  author: string;
  at: ColumnType<Date, string, never>;
}
