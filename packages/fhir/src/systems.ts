// The code systems, identifier systems and extensions Chronicle reads and writes. Where
// FHIR or US Core names a system, that one is used; what FHIR has no element for (the CCM
// consent's informed points, a care-plan event, a time entry's service) is carried in
// Chronicle's own extensions and code systems under one base, so that a Bundle Chronicle
// wrote reads back into the same dataset.

export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://bluebutton.cms.gov/resources/codesystem/hcpcs',
  mbi: 'http://hl7.org/fhir/sid/us-mbi',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2Degree: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  sopt: 'https://nahdo.org/sopt',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  loinc: 'http://loinc.org',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  servicePlace: 'http://terminology.hl7.org/CodeSystem/ex-serviceplace',
  claimCareTeamRole: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
  identifierCurrency: 'https://bluebutton.cms.gov/resources/codesystem/identifier-currency',
} as const;

/** Other spellings of CPT and HCPCS seen in the wild (OIDs, CMS pages). */
export const CPT_SYSTEMS: ReadonlySet<string> = new Set([
  SYSTEM.cpt,
  'urn:oid:2.16.840.1.113883.6.12',
]);
export const HCPCS_SYSTEMS: ReadonlySet<string> = new Set([
  SYSTEM.hcpcs,
  'urn:oid:2.16.840.1.113883.6.285',
  'urn:oid:2.16.840.1.113883.6.14',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
]);
export const ICD10_SYSTEMS: ReadonlySet<string> = new Set([
  SYSTEM.icd10cm,
  SYSTEM.icd10,
  'urn:oid:2.16.840.1.113883.6.90',
]);
export const PLACE_OF_SERVICE_SYSTEMS: ReadonlySet<string> = new Set([
  SYSTEM.servicePlace,
  'https://bluebutton.cms.gov/resources/variables/line_place_of_srvc_cd',
  'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
]);

const BASE = 'https://chronicle.invalid/fhir';

/** Identifier systems holding the dataset's own ids, so an exported record keeps its id. */
export const CHRONICLE_ID = {
  patient: `${BASE}/sid/patient`,
  clinician: `${BASE}/sid/clinician`,
  record: `${BASE}/sid/record`,
  mrn: `${BASE}/sid/mrn`,
} as const;

export const CHRONICLE_CODES = {
  credential: `${BASE}/CodeSystem/credential`,
  coverageKind: `${BASE}/CodeSystem/coverage-kind`,
  encounterKind: `${BASE}/CodeSystem/encounter-kind`,
  otherCode: `${BASE}/CodeSystem/code`,
  program: `${BASE}/CodeSystem/program`,
  timeService: `${BASE}/CodeSystem/time-service`,
  carePlanEvent: `${BASE}/CodeSystem/care-plan-event`,
  carePlanElement: `${BASE}/CodeSystem/care-plan-element`,
} as const;

export const EXTENSION = {
  clinicianRole: `${BASE}/StructureDefinition/clinician-role`,
  qmb: `${BASE}/StructureDefinition/qmb`,
  chronic: `${BASE}/StructureDefinition/chronic`,
  highRisk: `${BASE}/StructureDefinition/high-risk`,
  ccmDiscussed: `${BASE}/StructureDefinition/ccm-discussed`,
  consentMethod: `${BASE}/StructureDefinition/consent-method`,
  informed: `${BASE}/StructureDefinition/consent-informed`,
  carePlanEvent: `${BASE}/StructureDefinition/care-plan-event`,
  substantialRevision: `${BASE}/StructureDefinition/substantial-revision`,
  sharedWithPatient: `${BASE}/StructureDefinition/shared-with-patient`,
  minutes: `${BASE}/StructureDefinition/minutes`,
  mdm: `${BASE}/StructureDefinition/mdm`,
  claimStatus: `${BASE}/StructureDefinition/claim-status`,
} as const;
