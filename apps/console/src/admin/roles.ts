import type { ApiInputs } from '../api.js';

// The roles an admin gives users, in the words the console shows them.

export type Role = ApiInputs['users']['create']['role'];

export const ROLE_OPTIONS: Array<{ id: Role; label: string }> = [
  { id: 'admin', label: 'Admin' },
  { id: 'care-manager', label: 'Care manager' },
  { id: 'practitioner', label: 'Practitioner' },
  { id: 'compliance-officer', label: 'Compliance officer' },
  { id: 'auditor', label: 'Read-only auditor' },
];

export function roleLabel(role: string): string {
  return ROLE_OPTIONS.find((r) => r.id === role)?.label ?? role;
}
