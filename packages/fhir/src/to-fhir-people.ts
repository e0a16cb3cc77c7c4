import type { Clinician, Coverage, Patient } from '@chronicle/dataset';
import type {
  Coverage as FhirCoverage,
  Patient as FhirPatient,
  Practitioner,
  Reference,
} from '@medplum/fhirtypes';
import { credentialToV2 } from './credentials.js';
import { CHRONICLE_CODES, CHRONICLE_ID, EXTENSION, SYSTEM } from './systems.js';

// Practitioner, Patient and Coverage as Chronicle writes them: standard elements where
// FHIR has them (us-npi, us-mbi, v2-0360 degrees, the CMS Medicare class), and Chronicle's
// identifiers and codings so that the Bundle reads back into the same dataset.

export function practitionerOf(c: Clinician, id: string): Practitioner {
  const degree = credentialToV2(c.credential);
  return {
    resourceType: 'Practitioner',
    id,
    extension: [{ url: EXTENSION.clinicianRole, valueCode: c.role }],
    identifier: [
      { system: CHRONICLE_ID.clinician, value: c.id },
      ...(c.npi === undefined ? [] : [{ system: SYSTEM.npi, value: c.npi }]),
    ],
    name: [{ text: c.name }],
    qualification: [
      {
        code: {
          coding: [
            { system: CHRONICLE_CODES.credential, code: c.credential },
            ...(degree === undefined ? [] : [{ system: SYSTEM.v2Degree, code: degree }]),
          ],
        },
      },
    ],
  };
}

export function patientOf(p: Patient, id: string): FhirPatient {
  return {
    resourceType: 'Patient',
    id,
    identifier: [
      { system: CHRONICLE_ID.patient, value: p.id },
      {
        type: { coding: [{ system: SYSTEM.v2IdentifierType, code: 'MR' }] },
        system: CHRONICLE_ID.mrn,
        value: p.mrn,
      },
      ...(p.mbi === undefined
        ? []
        : [
            {
              type: { coding: [{ system: SYSTEM.v2IdentifierType, code: 'MC' }] },
              system: SYSTEM.mbi,
              value: p.mbi,
            },
          ]),
    ],
    name: [
      {
        use: 'official',
        ...(p.name.family === '' ? {} : { family: p.name.family }),
        ...(p.name.given === '' ? {} : { given: [p.name.given] }),
      },
    ],
    birthDate: p.birthDate,
    ...(p.deathDate === undefined ? {} : { deceasedDateTime: p.deathDate }),
  };
}

const COVERAGE_WORDS: Record<Coverage['kind'], { payer: string; sopt?: string; part?: string }> = {
  'medicare-part-b': {
    payer: 'Centers for Medicare and Medicaid Services',
    sopt: '121',
    part: 'Part B',
  },
  'medicare-advantage': { payer: 'Medicare Advantage plan', sopt: '11', part: 'Part C' },
  medicaid: { payer: 'Medicaid', sopt: '2' },
  commercial: { payer: 'Commercial insurer', sopt: '5' },
  other: { payer: 'Other payer' },
};

export function coverageOf(
  c: Coverage,
  id: string,
  beneficiary: Reference<FhirPatient>,
): FhirCoverage {
  const words = COVERAGE_WORDS[c.kind];
  return {
    resourceType: 'Coverage',
    id,
    ...(c.qmb === undefined ? {} : { extension: [{ url: EXTENSION.qmb, valueBoolean: c.qmb }] }),
    status: 'active',
    type: {
      coding: [
        { system: CHRONICLE_CODES.coverageKind, code: c.kind },
        ...(words.sopt === undefined ? [] : [{ system: SYSTEM.sopt, code: words.sopt }]),
      ],
    },
    beneficiary,
    period: { start: c.start, ...(c.end === undefined ? {} : { end: c.end }) },
    payor: [{ display: words.payer }],
    ...(words.part === undefined
      ? {}
      : {
          class: [
            {
              type: { coding: [{ system: SYSTEM.coverageClass, code: 'group' }] },
              value: 'Medicare',
            },
            {
              type: { coding: [{ system: SYSTEM.coverageClass, code: 'plan' }] },
              value: words.part,
            },
          ],
        }),
  };
}
