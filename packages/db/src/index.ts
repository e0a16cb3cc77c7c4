export {
  connect,
  resolveTarget,
  isPostgresUrl,
  DEFAULT_DATA_DIR,
  DataFolderInUseError,
  type Connection,
  type ConnectOptions,
} from './connect.js';
export { migrateToLatest, migrateAllDown, MIGRATIONS } from './migrate.js';
export type { Database } from './database.js';
export { TENANT_TABLES } from './database.js';
export { isDatabaseUnavailable } from './database-unavailable.js';
export { LONE_SURROGATE, unstorableStrings } from './unstorable-text.js';
export { withTenant, ensureOrganization, type Db, type Tx } from './tenant.js';
export {
  importDataset,
  exportDataset,
  listPractices,
  UnstorableDatasetError,
  type ImportResult,
} from './import-export.js';
export {
  appendActivity,
  verifyActivityLog,
  entryHash,
  GENESIS,
  type ActivityInput,
  type ActivityEntry,
  type VerifyResult,
} from './activity-log.js';
export {
  recordEnrollment,
  enrollmentHistory,
  enrollmentChangeSchema,
  ENROLLMENT_STATUSES,
  EnrollmentError,
  type EnrollmentChange,
  type EnrollmentEvent,
} from './enrollment.js';
export {
  createUser,
  listUsers,
  newUserSchema,
  USER_ROLES,
  UserError,
  type User,
  type NewUser,
} from './users.js';
export { saveAuditRun, listAuditRuns, type SavedAuditRun } from './audit-runs.js';
export {
  closeMonth,
  reproduceClose,
  updateRecord,
  amendRecord,
  monthHistory,
  closeMonthInputSchema,
  updateRecordInputSchema,
  amendRecordInputSchema,
  monthHistoryInputSchema,
  type CloseMonthInput,
  type UpdateRecordInput,
  type AmendRecordInput,
  type MonthHistoryInput,
  type MonthClose,
  type MonthHistory,
  type Amendment,
  type EditResult,
} from './month-close.js';
export {
  MonthCloseError,
  ClosedMonthError,
  StaleWriteError,
  RECORD_TYPES,
  type RecordType,
} from './closed-months.js';
export {
  streamPracticeForAudit,
  type AuditSourceOptions,
  type PracticeForAudit,
} from './audit-source.js';
export {
  auditStoredPractice,
  type AuditSink,
  type StoredAuditOptions,
  type StoredAuditResult,
} from './audit-stored-practice.js';
export {
  findSignInAccount,
  claimSignInGuess,
  recordSignInLock,
  type SignInGuess,
  recordSuccessfulSignIn,
  setPasswordHash,
  createSession,
  findSession,
  touchSession,
  deleteSession,
  deleteUserSessions,
  countSignInAttempt,
  type Role,
  type SignInAccount,
  type StoredSession,
} from './sessions.js';
export {
  savePendingOidcSignIn,
  takePendingOidcSignIn,
  matchOidcUser,
  type PendingOidcSignIn,
  type OidcIdentity,
  type OidcMatch,
  type OidcRefusal,
} from './oidc-sign-ins.js';
export { recordCdsTokenUse, type TokenUse } from './cds-token-uses.js';
export { findPatientByMbi, type PatientByMbi } from './patient-by-mbi.js';
export type { AuditRunSample, AuditRunStatus } from './tables/history.table.js';
export {
  registerPatient,
  registerPatientInputSchema,
  type RegisterPatientInput,
} from './patient-registration.js';
export {
  listPatients,
  getPatient,
  listPracticeSummaries,
  patientListInputSchema,
  type PatientListInput,
  type PatientListRow,
  type PatientPage,
} from './patients.js';
export { getPatientWithPractice } from './patient-with-practice.js';
export {
  monthStatus,
  monthStatuses,
  summarizeMonthStatus,
  monthStatusInputSchema,
  type MonthStatusInput,
  type MonthStatusSummary,
} from './month-status.js';
export {
  patientOverview,
  type PatientOverview,
  type PatientOverviewInput,
  type PatientOverviewResult,
} from './patient-overview.js';
export {
  requestAuditRun,
  getAuditRun,
  listAuditRunStates,
  cancelAuditRun,
  executeAuditRun,
  failInterruptedAuditRun,
  auditRunReport,
  auditRunFindings,
  auditRunFindingCounts,
  AuditRunError,
  AuditCancelled,
  type AuditRunState,
  type SampleDrawer,
} from './audit-jobs.js';
export {
  proposeClaims,
  proposeClaimsInputSchema,
  type ProposeClaimsInput,
} from './claim-proposals.js';
export {
  approveClaim,
  stepClaim,
  approveClaimInputSchema,
  claimStepInputSchema,
  claimReasonInputSchema,
  type ApproveClaimInput,
  type ClaimStepInput,
} from './claims.js';
export {
  listClaims,
  listClaimsInputSchema,
  CLAIM_STATES,
  type ClaimState,
  type ClaimStep,
  type StoredClaim,
  type ListClaimsInput,
} from './claim-records.js';
export { ClaimError } from './claim-error.js';
export type { ClaimWorkflowStep } from './tables/claim-status.table.js';
export {
  listUserAccounts,
  createUserAccount,
  changeUserRole,
  disableUser,
  enableUser,
  unlinkUserSignIn,
  changeRoleInputSchema,
  userVersionInputSchema,
  UserConflictError,
  type UserAccount,
} from './user-admin.js';
export {
  CareRecordError,
  CARE_RECORD_REFUSALS,
  refuseUnstorable,
  type CareRecordRefusal,
} from './care-record-error.js';
export {
  linkUserToClinician,
  listClinicianLinks,
  clinicianLinkInputSchema,
  type ClinicianLink,
  type ClinicianLinkInput,
} from './clinician-links.js';
export type { StoredRecord } from './patient-records.js';
export {
  recordConsent,
  revokeConsent,
  recordConsentInputSchema,
  revokeConsentInputSchema,
  type RecordConsentInput,
  type RevokeConsentInput,
} from './consents.js';
export {
  addCarePlanEvent,
  shareCarePlan,
  addCarePlanEventInputSchema,
  shareCarePlanInputSchema,
  type AddCarePlanEventInput,
  type ShareCarePlanInput,
} from './care-plans.js';
export {
  addTimeEntry,
  approveTimeEntry,
  amendTimeEntry,
  addTimeEntryInputSchema,
  approveTimeEntryInputSchema,
  amendTimeEntryInputSchema,
  type AddTimeEntryInput,
  type ApproveTimeEntryInput,
  type AmendTimeEntryInput,
} from './time-entries.js';
export {
  startTimer,
  stopTimer,
  cancelTimer,
  runningTimer,
  startTimerInputSchema,
  stopTimerInputSchema,
  timerInputSchema,
  MAX_TIMER_HOURS,
  type RunningTimer,
  type StartTimerInput,
  type StopTimerInput,
  type TimerInput,
} from './timers.js';
export {
  listEnrollment,
  listConsents,
  listCarePlanEvents,
  listMonthTime,
  enrollmentHistoryInputSchema,
  patientRecordsInputSchema,
  monthTimeInputSchema,
  type EnrollmentHistoryInput,
  type MonthTime,
  type PatientRecordsInput,
  type MonthTimeInput,
} from './care-record-lists.js';
export { timeLogDetails, type TimeAmendment, type TimeLogDetails } from './time-log.js';
export { listPracticeClinicians } from './practice-clinicians.js';
export {
  practiceCapabilities,
  attestPracticeCapabilities,
  practiceCapabilitiesInputSchema,
  attestCapabilitiesInputSchema,
  type PracticeCapabilities,
  type PracticeCapabilitiesInput,
  type AttestCapabilitiesInput,
} from './practice-capabilities.js';
export {
  listActivity,
  activityListInputSchema,
  ACTIVITY_ACTIONS,
  type ActivityListInput,
  type ActivityPage,
  type ActivityRow,
} from './activity-log-list.js';
export {
  listMonthCloses,
  listMonthClosesInputSchema,
  type ListMonthClosesInput,
  type MonthCloseSummary,
} from './month-close-list.js';
export {
  AuditFollowUpError,
  FOLLOW_UP_REFUSALS,
  type FollowUpRefusal,
} from './audit-follow-up-error.js';
export type { FollowUpCaller } from './follow-up-fields.js';
export {
  listCorrectiveActions,
  createCorrectiveAction,
  planCorrectiveActions,
  updateCorrectiveAction,
  listCorrectiveActionsInputSchema,
  createCorrectiveActionInputSchema,
  planCorrectiveActionsInputSchema,
  updateCorrectiveActionInputSchema,
  CORRECTIVE_ACTION_STATUSES,
  type CreateCorrectiveActionInput,
  type PlanCorrectiveActionsInput,
  type UpdateCorrectiveActionInput,
} from './corrective-actions.js';
export type { CorrectiveAction, CorrectiveActionRetest } from './corrective-action-records.js';
export {
  retestCorrectiveAction,
  retestCorrectiveActionInputSchema,
  type RetestCorrectiveActionInput,
} from './corrective-action-retest.js';
export type { CorrectiveActionStatus, RetestResult } from './tables/audit-follow-up.table.js';
export {
  openOverpayment,
  listOverpayments,
  updateOverpayment,
  openOverpaymentInputSchema,
  listOverpaymentsInputSchema,
  updateOverpaymentInputSchema,
  type OpenOverpaymentInput,
  type ListOverpaymentsInput,
  type UpdateOverpaymentInput,
} from './overpayment-follow-ups.js';
export type { OverpaymentCase } from './overpayment-records.js';
export {
  overpaymentClock,
  localDate,
  OVERPAYMENT_STATES,
  REPORT_AND_RETURN_DAYS,
  MAX_INVESTIGATION_DAYS,
  DUE_SOON_DAYS,
  type OverpaymentClock,
  type OverpaymentState,
} from './overpayment-deadline.js';
