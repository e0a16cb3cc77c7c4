// The SMART scopes the patient panel's launch asks for, one list for the launch and for the
// host manifest that tells an EHR what to grant. Chronicle reads one FHIR resource, the
// Patient in context, for its MBI; everything the panel shows comes from Chronicle's own
// records. SMART 2 renamed `.read` to `.rs`; the v1 name is asked for unless the EHR lists
// only `permission-v2` among its capabilities.

/** Always asked for: the launch context, who the EHR user is, and the patient in context. */
export const IDENTITY_SCOPES = ['launch', 'openid', 'fhirUser'] as const;

export const PATIENT_READ_SCOPES = {
  v1: 'patient/Patient.read',
  v2: 'patient/Patient.rs',
} as const;

/** The scope parameter for an EHR with these capabilities, plus the EHR's configured extras. */
export function launchScope(capabilities: readonly string[], extra: readonly string[]): string {
  const v2Only = capabilities.includes('permission-v2') && !capabilities.includes('permission-v1');
  const read = v2Only ? PATIENT_READ_SCOPES.v2 : PATIENT_READ_SCOPES.v1;
  return [...new Set([...IDENTITY_SCOPES, read, ...extra])].join(' ');
}
