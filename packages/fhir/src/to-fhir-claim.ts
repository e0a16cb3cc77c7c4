import type { Claim } from '@chronicle/dataset';
import type { Claim as FhirClaim, Coverage, Patient, Reference } from '@medplum/fhirtypes';
import { EXTENSION, SYSTEM } from './systems.js';
import { billedConcept, code, recordIdentifier, type ClinicianRef } from './to-fhir-shared.js';

// A claim as a professional FHIR Claim: the billing practitioner as provider and the
// responsible care-team member, each line with its code, units, date and diagnosis
// pointers, the status in Chronicle's extension (FHIR's Claim.status has no paid or denied).

export function claimOf(
  c: Claim,
  id: string,
  patient: Reference<Patient>,
  clinician: ClinicianRef,
  coverage: Reference<Coverage>,
): FhirClaim {
  const diagnoses = [...new Set(c.lines.flatMap((l) => l.diagnoses ?? []))];
  const sequenceOf = (d: string) => diagnoses.indexOf(d) + 1;
  const provider = clinician(c.billingPractitionerId);
  return {
    resourceType: 'Claim',
    id,
    extension: code(EXTENSION.claimStatus, c.status),
    identifier: recordIdentifier(c.id),
    status: c.status === 'draft' ? 'draft' : 'active',
    type: { coding: [{ system: SYSTEM.claimType, code: 'professional' }] },
    use: 'claim',
    patient,
    billablePeriod: { start: c.dateOfService, end: c.dateOfService },
    created: c.dateOfService,
    provider,
    priority: { coding: [{ system: SYSTEM.processPriority, code: 'normal' }] },
    careTeam: [
      {
        sequence: 1,
        provider,
        responsible: true,
        role: { coding: [{ system: SYSTEM.claimCareTeamRole, code: 'primary' }] },
      },
    ],
    ...(diagnoses.length === 0
      ? {}
      : {
          diagnosis: diagnoses.map((d, i) => ({
            sequence: i + 1,
            diagnosisCodeableConcept: { coding: [{ system: SYSTEM.icd10cm, code: d }] },
          })),
        }),
    insurance: [{ sequence: 1, focal: true, coverage }],
    item: c.lines.map((l, i) => ({
      sequence: i + 1,
      careTeamSequence: [1],
      ...(l.diagnoses === undefined || l.diagnoses.length === 0
        ? {}
        : { diagnosisSequence: l.diagnoses.map(sequenceOf) }),
      productOrService: billedConcept(l.code),
      quantity: { value: l.units },
      servicedDate: c.dateOfService,
      ...(c.placeOfService === undefined
        ? {}
        : {
            locationCodeableConcept: {
              coding: [{ system: SYSTEM.servicePlace, code: c.placeOfService }],
            },
          }),
    })),
  };
}
