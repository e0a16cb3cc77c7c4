import type { Condition, Encounter, TimeEntry } from '@chronicle/dataset';
import type {
  Condition as FhirCondition,
  Encounter as FhirEncounter,
  Patient,
  Procedure,
  Reference,
} from '@medplum/fhirtypes';
import { addMinutes } from './fhir-dates.js';
import { CHRONICLE_CODES, EXTENSION, SYSTEM } from './systems.js';
import {
  billedConcept,
  code,
  flag,
  recordIdentifier,
  withExtensions,
  type ClinicianRef,
} from './to-fhir-shared.js';

// Conditions, encounters and time entries (as Procedures) of a patient, as FHIR resources.

export function conditionOf(c: Condition, id: string, patient: Reference<Patient>): FhirCondition {
  return {
    resourceType: 'Condition',
    id,
    ...withExtensions([
      ...flag(EXTENSION.chronic, c.chronic),
      ...flag(EXTENSION.highRisk, c.highRisk),
    ]),
    identifier: recordIdentifier(c.id),
    clinicalStatus: {
      coding: [
        {
          system: SYSTEM.conditionClinical,
          code: c.abatement === undefined ? 'active' : 'resolved',
        },
      ],
    },
    verificationStatus: { coding: [{ system: SYSTEM.conditionVerification, code: 'confirmed' }] },
    code: {
      coding: [
        {
          system: c.system === 'icd-10-cm' ? SYSTEM.icd10cm : SYSTEM.snomed,
          code: c.code,
          ...(c.display === undefined ? {} : { display: c.display }),
        },
      ],
    },
    subject: patient,
    ...(c.onset === undefined ? {} : { onsetDateTime: c.onset }),
    ...(c.abatement === undefined ? {} : { abatementDateTime: c.abatement }),
  };
}

const ENCOUNTER_CLASS: Record<Encounter['kind'], string> = {
  visit: 'AMB',
  'inpatient-stay': 'IMP',
  'snf-part-a-stay': 'NONAC',
};

export function encounterOf(
  e: Encounter,
  id: string,
  patient: Reference<Patient>,
  clinician: ClinicianRef,
): FhirEncounter {
  return {
    resourceType: 'Encounter',
    id,
    ...withExtensions(flag(EXTENSION.ccmDiscussed, e.ccmDiscussed)),
    identifier: recordIdentifier(e.id),
    status: 'finished',
    class: { system: SYSTEM.actCode, code: ENCOUNTER_CLASS[e.kind] },
    type: [
      billedConcept(e.code),
      { coding: [{ system: CHRONICLE_CODES.encounterKind, code: e.kind }] },
    ],
    subject: patient,
    participant: [
      {
        type: [{ coding: [{ system: SYSTEM.participationType, code: 'PPRF' }] }],
        individual: clinician(e.clinicianId),
      },
    ],
    period: { start: e.date, ...(e.endDate === undefined ? {} : { end: e.endDate }) },
  };
}

export function procedureOf(
  t: TimeEntry,
  id: string,
  patient: Reference<Patient>,
  clinician: ClinicianRef,
): Procedure {
  const end = t.end ?? addMinutes(t.start, t.minutes ?? 0);
  return {
    resourceType: 'Procedure',
    id,
    ...withExtensions([
      ...(t.minutes === undefined ? [] : [{ url: EXTENSION.minutes, valueDecimal: t.minutes }]),
      ...code(EXTENSION.mdm, t.mdm),
    ]),
    identifier: recordIdentifier(t.id),
    status: 'completed',
    code: { coding: [{ system: CHRONICLE_CODES.timeService, code: t.service }] },
    subject: patient,
    performedPeriod: { start: t.start, end },
    performer: [{ actor: clinician(t.clinicianId) }],
    ...(t.signedById === undefined ? {} : { asserter: clinician(t.signedById) }),
    ...(t.activity === '' ? {} : { note: [{ text: t.activity }] }),
  };
}
