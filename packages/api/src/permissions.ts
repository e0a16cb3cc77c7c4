import type { Role } from '@chronicle/db';

// Who may do what: every procedure names one permission, and this table (published in
// docs/admin/permissions.md, generated from it) says which roles hold it. The one
// middleware in trpc.ts enforces it; no procedure checks roles itself.

export const ROLES = [
  'admin',
  'care-manager',
  'practitioner',
  'compliance-officer',
  'auditor',
] as const satisfies readonly Role[];

const EVERYONE = ROLES;
const CARE_TEAM = ['admin', 'care-manager', 'practitioner'] as const;

export const PERMISSIONS = {
  /** The signed-in user's own session. */
  'session.read': EVERYONE,
  /** Patients, conditions, enrollment, consent, care plans, time and month status. */
  'patients.read': EVERYONE,
  /** Registering a new patient (identity, coverage, conditions, visits held). */
  'patients.write': CARE_TEAM,
  'enrollment.write': CARE_TEAM,
  'consent.write': CARE_TEAM,
  'care-plan.write': CARE_TEAM,
  'time.write': CARE_TEAM,
  /** Approving time entered by others, and amending time after a month is closed. */
  'time.approve': ['admin', 'practitioner'],
  'claims.read': EVERYONE,
  'claims.write': ['admin', 'practitioner'],
  'claims.hold': ['admin', 'practitioner', 'compliance-officer'],
  'months.close': ['admin', 'compliance-officer'],
  'audits.read': ['admin', 'compliance-officer', 'auditor'],
  'audits.run': ['admin', 'compliance-officer'],
  /** Corrective-action plans of audit runs and overpayment cases (60-day rule). */
  'audits.follow-up': ['admin', 'compliance-officer'],
  'revenue.read': ['admin', 'compliance-officer'],
  'users.read': ['admin'],
  'users.write': ['admin'],
  /** Attesting the practice's CCM capabilities (certified EHR, 24/7 access...). */
  'practice.attest': ['admin'],
  /** The activity log: who read or changed what, when (the compliance record). */
  'activity.read': ['admin', 'compliance-officer', 'auditor'],
  /** The server's plugins: their state, contributions and problems. */
  'plugins.read': ['admin', 'compliance-officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function allows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
