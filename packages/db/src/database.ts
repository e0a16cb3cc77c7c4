import type {
  CorrectiveActionTable,
  OverpaymentFollowUpTable,
} from './tables/audit-follow-up.table.js';
import type { ClaimStatusTable } from './tables/claim-status.table.js';
import type { AmendmentTable, MonthCloseTable } from './tables/close.table.js';
import type {
  ActivityLogTable,
  AuditFindingTable,
  AuditRunTable,
  EnrollmentEventTable,
} from './tables/history.table.js';
import type {
  CarePlanEventTable,
  ClaimLineTable,
  ClaimTable,
  ClinicianTable,
  ConditionTable,
  ConsentTable,
  CoverageTable,
  EncounterTable,
  PatientTable,
  PracticeTable,
  TimeEntryTable,
} from './tables/practice.table.js';
import type {
  CdsTokenUseTable,
  OidcSignInTable,
  OrganizationTable,
  SessionTable,
  SignInAttemptTable,
  UserTable,
} from './tables/tenancy.table.js';
import type { TimerTable, UserClinicianTable } from './tables/timers.table.js';

/** Every table, by its SQL name. */
export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  practices: PracticeTable;
  clinicians: ClinicianTable;
  patients: PatientTable;
  coverage: CoverageTable;
  conditions: ConditionTable;
  encounters: EncounterTable;
  consents: ConsentTable;
  care_plan_events: CarePlanEventTable;
  time_entries: TimeEntryTable;
  claims: ClaimTable;
  claim_lines: ClaimLineTable;
  enrollment_events: EnrollmentEventTable;
  activity_log: ActivityLogTable;
  audit_runs: AuditRunTable;
  audit_findings: AuditFindingTable;
  month_closes: MonthCloseTable;
  amendments: AmendmentTable;
  sessions: SessionTable;
  sign_in_attempts: SignInAttemptTable;
  user_clinicians: UserClinicianTable;
  timers: TimerTable;
  claim_status: ClaimStatusTable;
  oidc_sign_ins: OidcSignInTable;
  cds_token_uses: CdsTokenUseTable;
  corrective_actions: CorrectiveActionTable;
  overpayment_follow_ups: OverpaymentFollowUpTable;
}

/** The tables whose rows belong to an organization (all but `organizations`). */
export const TENANT_TABLES = [
  'users',
  'practices',
  'clinicians',
  'patients',
  'coverage',
  'conditions',
  'encounters',
  'consents',
  'care_plan_events',
  'time_entries',
  'claims',
  'claim_lines',
  'enrollment_events',
  'activity_log',
  'audit_runs',
  'audit_findings',
  'month_closes',
  'amendments',
  'sessions',
  'user_clinicians',
  'timers',
  'claim_status',
  'oidc_sign_ins',
  'cds_token_uses',
  'corrective_actions',
  'overpayment_follow_ups',
] as const;
