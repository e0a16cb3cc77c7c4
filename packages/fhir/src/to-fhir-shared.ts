import type {
  CodeableConcept,
  Extension,
  Identifier,
  Practitioner,
  Reference,
} from '@medplum/fhirtypes';
import { CHRONICLE_CODES, CHRONICLE_ID, SYSTEM } from './systems.js';

// Pieces every record's resource is built from. Each record carries its dataset id in a
// Chronicle identifier, and in Chronicle extensions what FHIR has no element for
// (docs/admin/fhir.md lists both). Patient and clinician references are built by the caller.

export type ClinicianRef = (clinicianId: string) => Reference<Practitioner>;

export const recordIdentifier = (id: string): Identifier[] => [
  { system: CHRONICLE_ID.record, value: id },
];

export const flag = (url: string, value: boolean | undefined): Extension[] =>
  value === undefined ? [] : [{ url, valueBoolean: value }];

export const code = (url: string, value: string | undefined): Extension[] =>
  value === undefined ? [] : [{ url, valueCode: value }];

export const withExtensions = (extension: Extension[]) =>
  extension.length > 0 ? { extension } : {};

/** A CPT or HCPCS code under its system; anything else under Chronicle's code system. */
export function billedConcept(value: string): CodeableConcept {
  const system = /^\d{4}[0-9A-Z]$/.test(value)
    ? SYSTEM.cpt
    : /^[A-Z]\d{4}$/.test(value)
      ? SYSTEM.hcpcs
      : CHRONICLE_CODES.otherCode;
  return { coding: [{ system, code: value }] };
}
