import { MBI_PATTERN } from '@chronicle/dataset';
import { z } from 'zod';

// The patient in the launch's context, read from the EHR's FHIR server with the launch's
// access token, for the one thing Chronicle matches on: the Medicare Beneficiary
// Identifier. Only the identifiers are kept from the answer; nothing of it is logged.

export const US_MBI_SYSTEM = 'http://hl7.org/fhir/sid/us-mbi';
const TIMEOUT_MS = 10_000;

/** A FHIR id (R4 `id` datatype). */
export const fhirIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');

const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: z
    .array(z.looseObject({ system: z.string().optional(), value: z.string().optional() }))
    .optional(),
});

export class FhirReadError extends Error {
  override name = 'FhirReadError';
}

/** The distinct, well-formed MBIs of `Patient/{patientId}`; dashes and case as people write them are allowed. */
export async function readPatientMbis(
  fhirBase: string,
  patientId: string,
  accessToken: string,
): Promise<string[]> {
  const res = await fetch(`${fhirBase}/Patient/${encodeURIComponent(patientId)}`, {
    headers: { accept: 'application/fhir+json', authorization: `Bearer ${accessToken}` },
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new FhirReadError(`answered ${res.status}`);
  const parsed = patientSchema.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new FhirReadError('not a FHIR Patient');
  if (parsed.data.id !== undefined && parsed.data.id !== patientId)
    throw new FhirReadError('a Patient other than the one asked for');
  const mbis = (parsed.data.identifier ?? [])
    .filter((i) => i.system === US_MBI_SYSTEM && i.value !== undefined)
    .map((i) => (i.value as string).replace(/[\s-]/g, '').toUpperCase())
    .filter((v) => MBI_PATTERN.test(v));
  return [...new Set(mbis)];
}
