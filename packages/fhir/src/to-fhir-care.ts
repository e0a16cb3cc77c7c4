import type { CarePlanEvent, Consent } from '@chronicle/dataset';
import type {
  CarePlan,
  CodeableConcept,
  Consent as FhirConsent,
  Extension,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import { CHRONICLE_CODES, EXTENSION, SYSTEM } from './systems.js';
import { code, flag, recordIdentifier, type ClinicianRef } from './to-fhir-shared.js';

// Consents and care-plan events as FHIR resources, by the convention the import reads
// (docs/admin/fhir.md): the program in the category, the decision in the provision, the
// points the patient was told and the care-plan event in Chronicle extensions.

const PROGRAM_NAMES: Record<Consent['program'], string> = {
  ccm: 'Chronic care management',
  pcm: 'Principal care management',
  bhi: 'Behavioral health integration',
  apcm: 'Advanced primary care management',
};

export function consentOf(
  c: Consent,
  id: string,
  patient: Reference<Patient>,
  clinician: ClinicianRef,
): FhirConsent {
  const declined = c.decision === 'declined';
  const role = (r: string): CodeableConcept => ({
    coding: [{ system: SYSTEM.participationType, code: r }],
  });
  const informed: Extension = {
    url: EXTENSION.informed,
    extension: [
      { url: 'availability', valueBoolean: c.informed.availability },
      { url: 'costSharing', valueBoolean: c.informed.costSharing },
      { url: 'onePractitionerPerMonth', valueBoolean: c.informed.onePractitionerPerMonth },
      { url: 'rightToStop', valueBoolean: c.informed.rightToStop },
      ...flag('electronicSharing', c.informed.electronicSharing),
    ],
  };
  return {
    resourceType: 'Consent',
    id,
    extension: [...code(EXTENSION.consentMethod, c.method), informed],
    identifier: recordIdentifier(c.id),
    status: declined ? 'rejected' : c.revokedOn !== undefined ? 'inactive' : 'active',
    scope: { coding: [{ system: SYSTEM.consentScope, code: 'treatment' }] },
    category: [
      {
        coding: [
          { system: CHRONICLE_CODES.program, code: c.program, display: PROGRAM_NAMES[c.program] },
          { system: SYSTEM.loinc, code: '59284-0', display: 'Patient Consent' },
        ],
      },
    ],
    patient,
    dateTime: c.date,
    policyRule: { coding: [{ system: SYSTEM.actCode, code: 'OPTIN' }] },
    provision: {
      type: declined ? 'deny' : 'permit',
      period: { start: c.date, ...(c.revokedOn === undefined ? {} : { end: c.revokedOn }) },
      actor: [
        { role: role('PPRF'), reference: clinician(c.practitionerId) },
        { role: role('AUT'), reference: clinician(c.obtainedById) },
      ],
    },
  };
}

export function carePlanOf(
  c: CarePlanEvent,
  id: string,
  patient: Reference<Patient>,
  clinician: ClinicianRef,
): CarePlan {
  const shared: Extension[] =
    c.sharedWithPatient === undefined
      ? []
      : [
          {
            url: EXTENSION.sharedWithPatient,
            extension: [
              { url: 'date', valueDate: c.sharedWithPatient.date },
              { url: 'method', valueCode: c.sharedWithPatient.method },
            ],
          },
        ];
  return {
    resourceType: 'CarePlan',
    id,
    extension: [
      ...code(EXTENSION.carePlanEvent, c.event),
      ...flag(EXTENSION.substantialRevision, c.substantialRevision),
      ...shared,
    ],
    identifier: recordIdentifier(c.id),
    status: 'active',
    intent: 'plan',
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category',
            code: 'assess-plan',
          },
        ],
      },
      ...c.elements.map((e) => ({
        coding: [{ system: CHRONICLE_CODES.carePlanElement, code: e }],
      })),
    ],
    subject: patient,
    created: c.date,
    author: clinician(c.authorId),
  };
}
