import type { ClinicianRole, Credential } from '@chronicle/dataset';

// Credentials as HL7 v2 table 0360 (degree/license/certificate) spells them, both ways.
// Table 0360's "MA" is a Master of Arts: a medical assistant is CMA or RMA. LCSW and
// Chronicle's catch-all credentials have no code there; Chronicle's own credential coding
// carries every credential exactly.

const FROM_V2: Readonly<Record<string, Credential>> = {
  MD: 'MD',
  DO: 'DO',
  NP: 'NP',
  CNP: 'NP',
  FPNP: 'NP',
  CANP: 'NP',
  CPNP: 'NP',
  PA: 'PA',
  RN: 'RN',
  LPN: 'LPN',
  CNS: 'CNS',
  CNM: 'CNM',
  PharmD: 'PharmD',
  RPH: 'PharmD',
  CMA: 'MA',
  RMA: 'MA',
};

const TO_V2: Partial<Record<Credential, string>> = {
  MD: 'MD',
  DO: 'DO',
  NP: 'NP',
  PA: 'PA',
  RN: 'RN',
  LPN: 'LPN',
  CNS: 'CNS',
  CNM: 'CNM',
  PharmD: 'PharmD',
  MA: 'CMA',
};

export function credentialFromV2(code: string): Credential | undefined {
  // Own keys only: a code such as "constructor" names a member of every object.
  return Object.hasOwn(FROM_V2, code) ? FROM_V2[code] : undefined;
}

export function credentialToV2(credential: Credential): string | undefined {
  return TO_V2[credential];
}

const PRACTITIONER_CREDENTIALS: ReadonlySet<Credential> = new Set([
  'MD',
  'DO',
  'NP',
  'PA',
  'CNS',
  'CNM',
]);

/**
 * The role a credential implies when the input does not say: those who can bill CCM are
 * practitioners, other clinicians are clinical staff. A Practitioner with no recognised
 * qualification stays a practitioner (an EHR's Practitioner usually is one).
 */
export function defaultRole(credential: Credential | undefined): ClinicianRole {
  if (credential === undefined || PRACTITIONER_CREDENTIALS.has(credential)) return 'practitioner';
  return credential === 'non-clinical' ? 'non-clinical-staff' : 'clinical-staff';
}
