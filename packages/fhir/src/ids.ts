import { createHash } from 'node:crypto';
import type { Identifier } from './fhir-schemas.js';

// Ids both ways. Import: a record's id is the Chronicle identifier a Chronicle export
// wrote, else the FHIR resource id, so importing the same resources again maps onto the
// same records. Export: FHIR ids are unique per resource type and limited to 64 letters,
// digits, '-' and '.', while a dataset id is any string unique within its list (two
// patients may each have a condition "dx-1"): the FHIR id joins the parts when that is
// a valid id, else it is a hash of them; the dataset id always travels in an identifier.

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function fhirId(...parts: string[]): string {
  const joined = parts.join('-');
  if (FHIR_ID.test(joined)) return joined;
  return `h${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;
}

export function identifierValue(
  identifiers: readonly Identifier[] | undefined,
  system: string,
): string | undefined {
  const value = identifiers?.find((i) => i.system === system)?.value;
  return value === undefined || value === '' ? undefined : value;
}
