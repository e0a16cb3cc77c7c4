import { z } from 'zod';
import { id, instant, isoDate, mbi, npi, timeZone } from './primitives.js';

// Unknown keys are an error everywhere (z.strictObject): a typo must never drop data.

export const PRACTICE_SETTINGS = ['office', 'rhc', 'fqhc', 'hospital-outpatient'] as const;
export const CREDENTIALS = [
  'MD',
  'DO',
  'NP',
  'PA',
  'CNS',
  'CNM',
  'RN',
  'LPN',
  'MA',
  'PharmD',
  'LCSW',
  'other-clinical',
  'non-clinical',
] as const;
export const CLINICIAN_ROLES = ['practitioner', 'clinical-staff', 'non-clinical-staff'] as const;
export const COVERAGE_KINDS = [
  'medicare-part-b',
  'medicare-advantage',
  'medicaid',
  'commercial',
  'other',
] as const;
export const ENCOUNTER_KINDS = ['visit', 'inpatient-stay', 'snf-part-a-stay'] as const;
export const PROGRAMS = ['ccm', 'pcm', 'bhi', 'apcm'] as const;
export const CARE_PLAN_EVENTS = ['established', 'revised', 'reviewed'] as const;
export const CARE_PLAN_ELEMENTS = [
  'problem-list',
  'expected-outcomes',
  'measurable-goals',
  'symptom-management',
  'planned-interventions',
  'medication-management',
  'community-resources',
  'coordination-with-other-providers',
  'periodic-review-schedule',
  'functional-assessment',
  'psychosocial-assessment',
  'environmental-assessment',
  'caregiver-assessment',
] as const;
export const SHARE_METHODS = ['paper', 'portal', 'email', 'mail', 'other'] as const;
export const TIME_SERVICES = [
  'ccm',
  'pcm',
  'bhi',
  'rpm',
  'tcm',
  'apcm',
  'g0506-planning',
  'other',
] as const;
export const MDM_LEVELS = ['straightforward', 'low', 'moderate', 'high'] as const;
export const CLAIM_STATUSES = ['draft', 'submitted', 'paid', 'denied'] as const;

export const capabilitiesSchema = z.strictObject({
  certifiedEhr: z.boolean(),
  access24x7: z.boolean(),
  continuityOfCare: z.boolean(),
  enhancedCommunication: z.boolean(),
  careTransitions: z.boolean(),
  attestedOn: isoDate,
});

export const practiceSchema = z.strictObject({
  id,
  name: z.string().min(1),
  timezone: timeZone,
  setting: z.enum(PRACTICE_SETTINGS),
  capabilities: capabilitiesSchema.optional(),
});

export const clinicianSchema = z.strictObject({
  id,
  name: z.string().min(1),
  npi: npi.optional(),
  credential: z.enum(CREDENTIALS),
  role: z.enum(CLINICIAN_ROLES),
});

export const coverageSchema = z.strictObject({
  kind: z.enum(COVERAGE_KINDS),
  start: isoDate,
  end: isoDate.optional(),
  qmb: z.boolean().optional(),
});

export const conditionSchema = z.strictObject({
  id,
  system: z.enum(['icd-10-cm', 'snomed']),
  code: z.string().min(1),
  display: z.string().optional(),
  onset: isoDate.optional(),
  abatement: isoDate.optional(),
  chronic: z.boolean().optional(),
  highRisk: z.boolean().optional(),
});

export const encounterSchema = z.strictObject({
  id,
  date: isoDate,
  endDate: isoDate.optional(),
  code: z.string().min(1),
  clinicianId: id,
  kind: z.enum(ENCOUNTER_KINDS),
  ccmDiscussed: z.boolean().optional(),
});

export const informedSchema = z.strictObject({
  availability: z.boolean(),
  costSharing: z.boolean(),
  onePractitionerPerMonth: z.boolean(),
  rightToStop: z.boolean(),
  electronicSharing: z.boolean().optional(),
});

export const consentSchema = z.strictObject({
  id,
  program: z.enum(PROGRAMS),
  date: isoDate,
  method: z.enum(['verbal', 'written']),
  practitionerId: id,
  obtainedById: id,
  decision: z.enum(['accepted', 'declined']),
  informed: informedSchema,
  revokedOn: isoDate.optional(),
});

export const carePlanSchema = z.strictObject({
  id,
  date: isoDate,
  event: z.enum(CARE_PLAN_EVENTS),
  substantialRevision: z.boolean().optional(),
  authorId: id,
  elements: z.array(z.enum(CARE_PLAN_ELEMENTS)),
  sharedWithPatient: z.strictObject({ date: isoDate, method: z.enum(SHARE_METHODS) }).optional(),
});

export const timeEntrySchema = z.strictObject({
  id,
  clinicianId: id,
  start: instant,
  end: instant.optional(),
  minutes: z.number().positive('must be a positive number of minutes').optional(),
  service: z.enum(TIME_SERVICES),
  activity: z.string(),
  mdm: z.enum(MDM_LEVELS).optional(),
  signedById: id.optional(),
});

export const claimLineSchema = z.strictObject({
  code: z.string().min(1),
  units: z.number().int().min(1),
  diagnoses: z.array(z.string().min(1)).optional(),
});

export const claimSchema = z.strictObject({
  id,
  dateOfService: isoDate,
  billingPractitionerId: id,
  placeOfService: z.string().optional(),
  status: z.enum(CLAIM_STATUSES),
  lines: z.array(claimLineSchema).min(1, 'a claim needs at least one line'),
});

export const patientSchema = z.strictObject({
  id,
  mrn: z.string().min(1),
  name: z.strictObject({ given: z.string(), family: z.string() }),
  birthDate: isoDate,
  deathDate: isoDate.optional(),
  mbi: mbi.optional(),
  coverage: z.array(coverageSchema),
  conditions: z.array(conditionSchema),
  encounters: z.array(encounterSchema),
  consents: z.array(consentSchema),
  carePlans: z.array(carePlanSchema),
  timeEntries: z.array(timeEntrySchema),
  claims: z.array(claimSchema),
});

/** The structural schema of a version 1 dataset; cross-record checks live in `parseDataset`. */
export const datasetSchema = z
  .strictObject({
    format: z.literal('ccm-dataset'),
    version: z.literal(1),
    practice: practiceSchema,
    clinicians: z.array(clinicianSchema),
    patients: z.array(patientSchema),
  })
  .meta({
    id: 'ccm-dataset-v1',
    title: 'CCM dataset, version 1',
    description:
      'Everything needed to decide, bill and audit Chronic Care Management for one practice.',
  });

export type Dataset = z.infer<typeof datasetSchema>;
export type Practice = z.infer<typeof practiceSchema>;
export type Capabilities = z.infer<typeof capabilitiesSchema>;
export type Clinician = z.infer<typeof clinicianSchema>;
export type Patient = z.infer<typeof patientSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type Encounter = z.infer<typeof encounterSchema>;
export type Consent = z.infer<typeof consentSchema>;
export type CarePlanEvent = z.infer<typeof carePlanSchema>;
export type CarePlanElement = (typeof CARE_PLAN_ELEMENTS)[number];
export type TimeEntry = z.infer<typeof timeEntrySchema>;
export type TimeService = (typeof TIME_SERVICES)[number];
export type Claim = z.infer<typeof claimSchema>;
export type ClaimLine = z.infer<typeof claimLineSchema>;
export type Credential = (typeof CREDENTIALS)[number];
export type ClinicianRole = (typeof CLINICIAN_ROLES)[number];
export type Program = (typeof PROGRAMS)[number];
